// Calls waiting now, from calls_live: a call is waiting when it was offered
// within the last `windowMinutes` (older ones are taken as lost events, not
// as callers still on the line) and no answer or abandon has arrived for it
// by `now`. Rows of one call merge by max(), so the order in which its offered
// and settled events arrive does not matter.
import type { ClickHouseClient } from '@clickhouse/client'
import { chTime, msFromCh } from '../../core/time-format.ts'

export interface WaitingGroup {
  region: string
  queue: string
  waiting: number
  /** When the longest-waiting call of the group was offered (epoch ms). */
  oldestOfferedAt: number
}

export async function readWaiting(
  client: ClickHouseClient,
  now: number,
  windowMinutes: number,
  region: string | null,
): Promise<WaitingGroup[]> {
  const params: Record<string, string> = { lo: chTime(now - windowMinutes * 60_000), now: chTime(now) }
  if (region !== null) params.region = region
  // settled_at is epoch 0 until a settling event arrives; one after `now`
  // (possible only when `now` is in the past) has not settled it yet.
  const result = await client.query({
    query: `SELECT r, q, count(), min(o)
      FROM (
        SELECT call_id, anyLast(region) AS r, anyLast(queue) AS q, max(offered_at) AS o, max(settled_at) AS s
        FROM calls_live
        WHERE (offered_at >= {lo:DateTime64(3, 'UTC')} OR settled_at >= {lo:DateTime64(3, 'UTC')})
          ${region === null ? '' : 'AND region = {region:String}'}
        GROUP BY call_id
        HAVING o >= {lo:DateTime64(3, 'UTC')} AND o <= {now:DateTime64(3, 'UTC')}
          AND (s < o OR s > {now:DateTime64(3, 'UTC')})
      )
      GROUP BY r, q`,
    query_params: params,
    format: 'JSONCompactEachRow',
  })
  return (await result.json<[string, string, string | number, string]>()).map(([r, q, n, oldest]) => ({
    region: r,
    queue: q,
    waiting: Number(n),
    oldestOfferedAt: msFromCh(oldest) ?? now,
  }))
}
