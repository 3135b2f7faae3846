// Folds each batch of new events into the current state of the entities they
// touch (work orders, outages, agents, supervision orders), and enriches every event row with what
// its rollups need from that state (category, deadlines, previous agent
// state). States are cached in memory and loaded from ClickHouse on a miss.
// A batch works on copies; `commit()` makes them the cache's as soon as the
// batch is prepared, so the next batch can be prepared while this one is
// being stored (the pipeline retries a prepared batch until it is stored).
import type { ClickHouseClient } from '@clickhouse/client'
import type { DomainEvent, EventOf } from '../../schemas/events.ts'
import type { SlaRule } from '../../schemas/sla.ts'
import { toEventRow, type EventRow, type Enrichment } from '../event-row.ts'
import { agentFromRow, agentRow, applyAgentEvent, type AgentState } from './agent-state.ts'
import { Lru } from './lru.ts'
import { applyOutageEvent, newOutage, outageFromRow, outageRow, type OutageEvent, type OutageState } from './outage-state.ts'
import {
  applySupervisionEvent,
  newSupervision,
  supervisionFromRow,
  supervisionRow,
  type SupervisionEvent,
  type SupervisionState,
} from './supervision-state.ts'
import {
  applyWorkorderEvent,
  newWorkorder,
  workorderFromRow,
  workorderRow,
  type WorkorderEvent,
  type WorkorderState,
} from './workorder-state.ts'

export interface Projection {
  eventRows: EventRow[]
  workorders: Record<string, unknown>[]
  outages: Record<string, unknown>[]
  agents: Record<string, unknown>[]
  supervisions: Record<string, unknown>[]
  /** Makes this batch's states the cached ones; the caller must then store its rows. */
  commit(): void
}

type Kind = 'workorders' | 'outages' | 'agents' | 'supervisions'
const ID_COLUMN: Record<Kind, string> = { workorders: 'workorder_id', outages: 'outage_id', agents: 'agent_id', supervisions: 'supervision_id' }

function kindOf(event: DomainEvent): Kind | null {
  if (event.type.startsWith('workorder.')) return 'workorders'
  if (event.type.startsWith('outage.')) return 'outages'
  if (event.type === 'agent.state') return 'agents'
  if (event.type.startsWith('supervision.')) return 'supervisions'
  return null
}

function idOf(event: DomainEvent, kind: Kind): string {
  return (event as Record<string, unknown>)[ID_COLUMN[kind]] as string
}

const LOOKUP_CHUNK = 2000

export class EntityProjector {
  private readonly workorders: Lru<WorkorderState>
  private readonly outages: Lru<OutageState>
  private readonly agents: Lru<AgentState>
  private readonly supervisions: Lru<SupervisionState>
  private lastVersion = 0

  constructor(
    private readonly client: ClickHouseClient,
    private readonly rules: SlaRule[],
    capacity = 300_000,
  ) {
    this.workorders = new Lru(capacity)
    this.outages = new Lru(capacity)
    this.agents = new Lru(capacity)
    this.supervisions = new Lru(capacity)
  }

  /** Forget cached states, e.g. after a Kafka rebalance hands entities to another process. */
  clear(): void {
    this.workorders.clear()
    this.outages.clear()
    this.agents.clear()
    this.supervisions.clear()
  }

  // Versions only grow within a process and with the clock across restarts,
  // so the newest row of an entity always wins in ReplacingMergeTree.
  private nextVersion(): number {
    this.lastVersion = Math.max(this.lastVersion + 1, Date.now() * 1000)
    return this.lastVersion
  }

  async project(events: DomainEvent[], receivedAt: string): Promise<Projection> {
    const needed: Record<Kind, Set<string>> = { workorders: new Set(), outages: new Set(), agents: new Set(), supervisions: new Set() }
    for (const event of events) {
      const kind = kindOf(event)
      if (kind && this[kind].get(idOf(event, kind)) === undefined) needed[kind].add(idOf(event, kind))
    }
    const [workorderRows, outageRows, agentRows, supervisionRows] = await Promise.all([
      this.load('workorders', needed.workorders),
      this.load('outages', needed.outages),
      this.load('agents', needed.agents),
      this.load('supervisions', needed.supervisions),
    ])
    const loaded = {
      workorders: new Map(workorderRows.map((r) => [r.workorder_id as string, workorderFromRow(r)])),
      outages: new Map(outageRows.map((r) => [r.outage_id as string, outageFromRow(r)])),
      agents: new Map(agentRows.map((r) => [r.agent_id as string, agentFromRow(r)])),
      supervisions: new Map(supervisionRows.map((r) => [r.supervision_id as string, supervisionFromRow(r)])),
    }
    const work = {
      workorders: new Map<string, WorkorderState>(),
      outages: new Map<string, OutageState>(),
      agents: new Map<string, AgentState>(),
      supervisions: new Map<string, SupervisionState>(),
    }
    const current = <K extends Kind>(kind: K, id: string) => {
      const map = work[kind] as Map<string, unknown>
      if (!map.has(id)) {
        const found = (this[kind] as Lru<unknown>).get(id) ?? (loaded[kind] as Map<string, unknown>).get(id)
        // States are flat records, so a shallow copy keeps the cached one intact.
        if (found !== undefined) map.set(id, { ...(found as object) })
      }
      return map.get(id) as (typeof work)[K] extends Map<string, infer V> ? V | undefined : never
    }

    const eventRows: EventRow[] = []
    for (const event of events) {
      let enrichment: Enrichment = {}
      const kind = kindOf(event)
      if (kind === 'workorders') {
        const id = idOf(event, kind)
        const state = current('workorders', id) ?? newWorkorder(id, event.region)
        work.workorders.set(id, state)
        enrichment = applyWorkorderEvent(state, event as WorkorderEvent, this.rules)
      } else if (kind === 'outages') {
        const id = idOf(event, kind)
        const state = current('outages', id) ?? newOutage(id, event.region)
        work.outages.set(id, state)
        enrichment = applyOutageEvent(state, event as OutageEvent)
      } else if (kind === 'agents') {
        const id = idOf(event, kind)
        const result = applyAgentEvent(current('agents', id), event as EventOf<'agent.state'>)
        if (result.next) work.agents.set(id, result.next)
        enrichment = result.enrichment
      } else if (kind === 'supervisions') {
        const id = idOf(event, kind)
        const state = current('supervisions', id) ?? newSupervision(id, event.region)
        work.supervisions.set(id, state)
        enrichment = applySupervisionEvent(state, event as SupervisionEvent)
      }
      eventRows.push(toEventRow(event, receivedAt, enrichment))
    }

    return {
      eventRows,
      workorders: [...work.workorders.values()].map((s) => workorderRow(s, this.nextVersion())),
      outages: [...work.outages.values()].map((s) => outageRow(s, this.nextVersion())),
      agents: [...work.agents.values()].map((s) => agentRow(s)),
      supervisions: [...work.supervisions.values()].map((s) => supervisionRow(s, this.nextVersion())),
      commit: () => {
        for (const [id, s] of work.workorders) this.workorders.set(id, s)
        for (const [id, s] of work.outages) this.outages.set(id, s)
        for (const [id, s] of work.agents) this.agents.set(id, s)
        for (const [id, s] of work.supervisions) this.supervisions.set(id, s)
      },
    }
  }

  private async load(kind: Kind, ids: Set<string>): Promise<Record<string, unknown>[]> {
    if (ids.size === 0) return []
    const all = [...ids]
    const rows: Record<string, unknown>[] = []
    for (let i = 0; i < all.length; i += LOOKUP_CHUNK) {
      // The table name comes from the fixed Kind union, never from input.
      const result = await this.client.query({
        query: `SELECT * FROM ${kind} FINAL WHERE ${ID_COLUMN[kind]} IN {ids:Array(String)}`,
        query_params: { ids: all.slice(i, i + LOOKUP_CHUNK) },
        format: 'JSONEachRow',
      })
      rows.push(...(await result.json<Record<string, unknown>>()))
    }
    return rows
  }
}
