// How many supervision orders are open (issued or received, no reply yet)
// and how many of those are past their reply deadline, for the whole
// territory and each region: the count the wall shows beside the work
// orders. Read from the operational store, the record the desk's list reads
// too, once per tick for every scope the tick computes.
import type { Store } from '../../core/store/store.ts'
import type { SupervisionCounts } from '../../schemas/snapshot.ts'

const NONE: SupervisionCounts = { open: 0, overdue: 0 }

export class SupervisionCountsReader {
  private cached: { at: number; read: Promise<Map<string, SupervisionCounts>> } | null = null

  constructor(private readonly store: Store) {}

  /** The counts of one scope (null: the whole territory) at `now`; one query for all scopes of the same instant. */
  async at(now: Date, region: string | null): Promise<SupervisionCounts> {
    if (this.cached?.at !== now.getTime()) this.cached = { at: now.getTime(), read: this.read(now) }
    const byRegion = await this.cached.read
    if (region !== null) return byRegion.get(region) ?? NONE
    let open = 0
    let overdue = 0
    for (const c of byRegion.values()) {
      open += c.open
      overdue += c.overdue
    }
    return { open, overdue }
  }

  private async read(now: Date): Promise<Map<string, SupervisionCounts>> {
    const rows = await this.store.query<{ region: string; open: number; overdue: number }>(
      `SELECT region, count(*)::int AS open, (count(*) FILTER (WHERE due_at < $1))::int AS overdue
       FROM supervisions WHERE state IN ('issued', 'received') GROUP BY region`,
      [now],
    )
    return new Map(rows.map((r) => [r.region, { open: r.open, overdue: r.overdue }]))
  }
}
