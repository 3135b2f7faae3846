// Open work orders now, judged by the one SLA module (server/sla/
// workorder-sla.ts): counts by region, category and status (open, overdue,
// at risk), and the most urgent orders. The open orders are mirrored from
// `workorders_open` (a closed order is a deletion marker there, so it holds
// the open backlog only, however long the history), reading only what
// changed, and judged here at every tick: time passing makes an order
// overdue without any event, and a judgement of a few thousand rows in code
// costs far less than asking the engine again.
import type { ClickHouseClient } from '@clickhouse/client'
import type { WorkorderBrief } from '../../schemas/snapshot.ts'
import { msFromCh } from '../../core/time-format.ts'
import { SLA_COLUMNS, judgeOrder, type SlaRow } from '../sla/workorder-sla.ts'

export interface OpenGroup {
  region: string
  category: string
  status: string
  open: number
  overdue: number
  at_risk: number
}

export interface OpenOrders {
  groups: OpenGroup[]
  /** The most urgent first: the earliest (most passed, or nearest) deadline. */
  overdue: WorkorderBrief[]
  at_risk: WorkorderBrief[]
}

export interface OpenOrderRow {
  workorder_id: string
  region: string
  category: string
  status: string
  priority: string
  team: string
  sla: SlaRow
}

const COLUMNS = ['workorder_id', 'region', 'category', 'status', 'priority', 'team'] as const

/** The open orders of the territory (or a region) judged at `now`: counts per group and the `limit` most urgent. */
export function openOrdersAt(rows: readonly OpenOrderRow[], now: number, fraction: number, region: string | null, limit: number): OpenOrders {
  const groups = new Map<string, OpenGroup>()
  const judged: Array<{ brief: WorkorderBrief; due: number }> = []
  for (const row of rows) {
    if (region !== null && row.region !== region) continue
    const key = `${row.region}\u0000${row.category}\u0000${row.status}`
    let group = groups.get(key)
    if (!group) groups.set(key, (group = { region: row.region, category: row.category, status: row.status, open: 0, overdue: 0, at_risk: 0 }))
    group.open += 1
    const verdict = judgeOrder(row.sla, now, fraction)
    if (!verdict) continue
    if (verdict.overdue) group.overdue += 1
    else group.at_risk += 1
    judged.push({
      due: verdict.due,
      brief: {
        workorder_id: row.workorder_id,
        region: row.region,
        category: row.category,
        priority: row.priority,
        status: row.status,
        team: row.team,
        created_at: row.sla.created_at === null ? '' : new Date(row.sla.created_at).toISOString(),
        due_at: new Date(verdict.due).toISOString(),
        milestone: verdict.milestone,
        overdue: verdict.overdue,
      },
    })
  }
  judged.sort((a, b) => a.due - b.due || a.brief.workorder_id.localeCompare(b.brief.workorder_id))
  return {
    groups: [...groups.values()],
    overdue: judged.filter((j) => j.brief.overdue).slice(0, limit).map((j) => j.brief),
    at_risk: judged.filter((j) => !j.brief.overdue).slice(0, limit).map((j) => j.brief),
  }
}

/**
 * The open orders, kept in step with `workorders_open` by reading only the
 * rows written since the last read: an order's newest version replaces the
 * one held, and a closed order (the table's deletion marker) leaves. Rows are
 * matched by their version, which the projector takes from the ingest
 * process's clock when it writes them (µs), not by `updated_at`, the time of
 * the order's newest event: an event that arrives late or old-dated (a
 * replay, a system catching up) is written now and must be seen now. The
 * margin covers batches written in another order than their versions were
 * taken, and ingest processes whose clocks differ a little; a whole read
 * every few minutes covers a batch held back longer (an insert retried
 * through a ClickHouse outage, a journal completed after a crash). The first
 * read, and one after a failure, takes the whole open backlog.
 */
/** Versions are the projector's clock in µs: a minute's margin. */
const VERSION_MARGIN_US = 60 * 1_000_000
/** A whole read this often, whatever the catch-ups saw. */
const RELOAD_MS = 5 * 60_000

export class OpenOrdersMirror {
  private readonly orders = new Map<string, { version: number; row: OpenOrderRow }>()
  private newest: number | null = null
  private loadedAt = 0

  constructor(private readonly client: ClickHouseClient) {}

  async sync(): Promise<OpenOrderRow[]> {
    try {
      if (this.newest === null || performance.now() - this.loadedAt > RELOAD_MS) await this.load()
      else await this.catchUp(this.newest - VERSION_MARGIN_US)
    } catch (err) {
      this.newest = null
      throw err
    }
    return [...this.orders.values()].map((o) => o.row)
  }

  private async load(): Promise<void> {
    const rows = await this.read('FROM workorders_open FINAL', {})
    this.orders.clear()
    this.newest = 0
    this.loadedAt = performance.now()
    for (const r of rows) this.take(r)
  }

  private async catchUp(since: number): Promise<void> {
    // Oldest version first: parts are read in no particular order, and an
    // order's older row taken after its deletion would bring it back.
    const rows = await this.read('FROM workorders_open WHERE version >= {since:UInt64} ORDER BY version', { since: String(Math.max(0, since)) })
    for (const r of rows) this.take(r)
  }

  private take(r: { row: OpenOrderRow; version: number; deleted: boolean }): void {
    const held = this.orders.get(r.row.workorder_id)
    if (!held || r.version > held.version) {
      if (r.deleted) this.orders.delete(r.row.workorder_id)
      else this.orders.set(r.row.workorder_id, { version: r.version, row: r.row })
    }
    if (this.newest === null || r.version > this.newest) this.newest = r.version
  }

  private async read(from: string, params: Record<string, string>) {
    const result = await this.client.query({
      query: `SELECT ${[...COLUMNS, ...SLA_COLUMNS].join(', ')}, version, is_deleted ${from}`,
      query_params: params,
      format: 'JSONCompactEachRow',
    })
    const slaEnd = COLUMNS.length + SLA_COLUMNS.length
    return (await result.json<Array<string | number | null>>()).map((row) => {
      const [workorder_id, region, category, status, priority, team] = row.slice(0, COLUMNS.length).map(String)
      const sla = Object.fromEntries(SLA_COLUMNS.map((c, i) => [c, msFromCh(row[COLUMNS.length + i] as string | null)])) as SlaRow
      return {
        row: { workorder_id, region, category, status, priority, team, sla },
        version: Number(row[slaEnd]),
        deleted: Number(row[slaEnd + 1]) === 1,
      }
    })
  }
}
