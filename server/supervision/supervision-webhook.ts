// The teams' own channel for orders, when SUPERVISION_WEBHOOK_URL is set: an
// issued order and a reminder (催办) are posted there as JSON, besides the
// supervision.issued event. A failed post is logged and never stops the order:
// the event is the order's way to the team's system; the post only tells people.
import type { Supervision } from './supervision-store.ts'

export type Notice = 'issued' | 'reminder'

export interface TeamChannel {
  post(notice: Notice, order: Supervision): Promise<void>
}

export function webhookChannel(url: URL | undefined, logger: { warn(obj: object, msg: string): void }): TeamChannel {
  return {
    async post(notice, order) {
      if (!url) return
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ notice, supervision: order }),
          signal: AbortSignal.timeout(10_000),
        })
        if (!res.ok) logger.warn({ supervision_id: order.id, notice, status: res.status }, 'supervision webhook refused the notice')
      } catch (err) {
        logger.warn({ supervision_id: order.id, notice, err: (err as Error).message }, 'supervision webhook unreachable')
      }
    },
  }
}
