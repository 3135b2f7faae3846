// How the engine stores an alert (pg-migrations/002 and 010): every column
// of `alerts` is written by alerts_write, first as an insert and then as an
// update of every field, so a column added to the table but not to the
// function (or to the engine's row) fails here rather than being lost on
// the next restart; moved values change value, threshold and summary only;
// history keeps the order it was given. Real embedded PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AlertRecord } from '../server/alerting/engine/alert-record.ts'
import { ALERT_COLUMNS, readAlert, readHistory, writeAlertChanges } from '../server/alerting/engine/alert-rows.ts'
import { openTempStore, type TempStore } from './support/temp-store.ts'

const T0 = Date.UTC(2026, 10, 30, 2, 0)
const MIN = 60_000

let store: TempStore
beforeAll(async () => {
  store = await openTempStore()
})
afterAll(async () => {
  await store?.destroy()
})

function firing(id: string): AlertRecord {
  return {
    id, fingerprint: `fp-${id}`, rule_id: 'abandonment', rule_name: '呼损率过高', kind: 'kpi', severity: 'warning', scope_key: 'R01',
    labels: { region: 'R01' }, summary: '呼损率 9.0%', value: 0.09, threshold: 0.08, annotations: { runbook: 'a' }, state: 'firing',
    started_at: T0, pending_since: null, fired_at: T0 + MIN, resolved_at: null, clear_since: null, acknowledged: null, resolved_by: null,
    silenced: false, inhibited_by: null, escalation: { tier: 0, next_at: T0 + 16 * MIN }, view: null,
  }
}

describe('alert store', () => {
  it('writes every column of alerts, on insert and on update', async () => {
    const [{ columns }] = await store.query<{ columns: string[] }>(
      "SELECT array_agg(column_name::text ORDER BY column_name) AS columns FROM information_schema.columns WHERE table_name = 'alerts'",
    )
    expect([...ALERT_COLUMNS].sort()).toEqual(columns)

    const id = '00000000-0000-4000-8000-000000000001'
    await writeAlertChanges(store, { records: [firing(id)], moved: [], history: [] }, T0 + MIN)
    expect(await readAlert(store, id)).toEqual(firing(id))

    // Every field different from the first write, none null.
    const changed: AlertRecord = {
      ...firing(id), fingerprint: 'fp-2', rule_id: 'abandonment-2', rule_name: '呼损率', kind: 'change', severity: 'critical', scope_key: 'R02',
      labels: { region: 'R02' }, summary: '呼损率 3.0%', value: 0.03, threshold: 0.05, annotations: { runbook: 'b' }, state: 'resolved',
      started_at: T0 + 1, pending_since: T0 + 2, fired_at: T0 + 3, resolved_at: T0 + 9 * MIN, clear_since: T0 + 4 * MIN,
      acknowledged: { by: 'alice', display_name: 'Alice', at: T0 + 2 * MIN, comment: '在查' },
      resolved_by: { by: 'bob', at: T0 + 9 * MIN, comment: '已恢复' }, silenced: true, inhibited_by: '00000000-0000-4000-8000-000000000002',
      escalation: { tier: 2, next_at: T0 + 30 * MIN },
    }
    await writeAlertChanges(store, { records: [changed], moved: [], history: [] }, T0 + 9 * MIN)
    expect(await readAlert(store, id)).toEqual(changed)
  })

  it('writes a moved value without touching the rest, and appends history in the order given', async () => {
    const id = '00000000-0000-4000-8000-000000000003'
    const r = firing(id)
    await writeAlertChanges(store, { records: [r], moved: [], history: [{ alert: r, at: T0 + MIN, kind: 'firing', actor: 'engine', comment: null, detail: {} }] }, T0 + MIN)
    // In memory the state moved on too; only the value is written as moved.
    const later = { ...r, value: 0.12, summary: '呼损率 12.0%', state: 'acknowledged' as const }
    await writeAlertChanges(store, {
      records: [],
      moved: [later],
      history: [
        { alert: r, at: T0 + 2 * MIN, kind: 'silenced', actor: 'engine', comment: null, detail: {} },
        { alert: r, at: T0 + 2 * MIN, kind: 'unsilenced', actor: 'engine', comment: null, detail: {} },
      ],
    }, T0 + 2 * MIN)
    expect(await readAlert(store, id)).toMatchObject({ value: 0.12, summary: '呼损率 12.0%', state: 'firing', fired_at: T0 + MIN })
    expect((await readHistory(store, id)).map((h) => h.kind)).toEqual(['firing', 'silenced', 'unsilenced'])
  })
})
