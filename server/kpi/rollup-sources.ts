// The per-minute rollup tables of schemas/migrations/ (002, 008, 012) as the
// KPI engine reads them: which columns are summed, what they are grouped by,
// and under which breakdown keys one grouped row counts.
import type { Sums } from '../../schemas/kpi-measures.ts'
import type { KpiSource } from '../../schemas/kpis.ts'
import { TOTAL, type Key, type SumBook } from './measures.ts'

export interface RollupSource {
  table: 'kpi_calls_1m' | 'kpi_workorders_1m' | 'kpi_callbacks_1m' | 'kpi_occupancy_1m' | 'kpi_supervision_1m'
  /** Grouping columns, read as strings. */
  keys: readonly string[]
  /** Summed columns. */
  columns: readonly string[]
  /** Adds one grouped row's sums to a book under every key it counts for. */
  fold(book: SumBook, keys: Record<string, string>, sums: Record<string, number>): void
}

const addAll = (book: SumBook, keys: Key[], sums: Sums) => {
  for (const key of keys) book.add(key, sums)
}

export const CALLS: RollupSource = {
  table: 'kpi_calls_1m',
  keys: ['region', 'queue'],
  columns: [
    'offered', 'ivr_completed', 'answered', 'answered_within_20s', 'answer_wait_ms', 'abandoned', 'abandoned_short',
    'ended', 'ended_fcr', 'handle_ms', 'surveys', 'surveys_satisfied',
  ],
  fold(book, { region, queue }, s) {
    const sums: Sums = {
      offered: s.offered, ivr_completed: s.ivr_completed, answered: s.answered,
      answered_within_20s: s.answered_within_20s, answer_wait_ms: s.answer_wait_ms, abandoned: s.abandoned,
      abandoned_short: s.abandoned_short, ended: s.ended, ended_fcr: s.ended_fcr, handle_ms: s.handle_ms,
      surveys: s.surveys, surveys_satisfied: s.surveys_satisfied,
    }
    // Queue '' holds events that have no queue (IVR completions, call ends,
    // surveys): they count in totals and regions, never as a queue of their own.
    addAll(book, queue === '' ? [TOTAL, `region:${region}`] : [TOTAL, `region:${region}`, `queue:${queue}`], sums)
  },
}

export const WORKORDERS: RollupSource = {
  table: 'kpi_workorders_1m',
  keys: ['region', 'category'],
  columns: ['created', 'escalated', 'arrived_with_sla', 'arrived_on_time', 'resolved_with_start', 'resolve_ms'],
  fold(book, { region, category }, s) {
    // Each KPI is about one category: complaints for the complaint rates,
    // fault repairs for arrival and repair time (DOMAIN.md §2).
    let sums: Sums | null = null
    if (category === 'complaint') sums = { complaints_created: s.created, complaints_escalated: s.escalated }
    else if (category === 'fault_repair') {
      sums = {
        repairs_arrived_with_sla: s.arrived_with_sla, repairs_arrived_on_time: s.arrived_on_time,
        repairs_resolved: s.resolved_with_start, repair_ms: s.resolve_ms,
      }
    }
    if (sums) addAll(book, [TOTAL, `region:${region}`], sums)
  },
}

export const CALLBACKS: RollupSource = {
  table: 'kpi_callbacks_1m',
  keys: ['region'],
  columns: ['due', 'on_time'],
  fold(book, { region }, s) {
    addAll(book, [TOTAL, `region:${region}`], { callbacks_due: s.due, callbacks_on_time: s.on_time })
  },
}

export const OCCUPANCY: RollupSource = {
  table: 'kpi_occupancy_1m',
  keys: ['region', 'team'],
  columns: ['busy_ms', 'available_ms'],
  fold(book, { region, team }, s) {
    addAll(book, [TOTAL, `region:${region}`, `team:${team}`], { busy_ms: s.busy_ms, available_ms: s.available_ms })
  },
}

// Keyed by the order's region (ref_region, migration 012). The team is kept
// for reports by team; the wall breaks the KPI down by region only.
export const SUPERVISION: RollupSource = {
  table: 'kpi_supervision_1m',
  keys: ['region'],
  columns: ['due', 'on_time'],
  fold(book, { region }, s) {
    addAll(book, [TOTAL, `region:${region}`], { supervisions_due: s.due, supervisions_replied_on_time: s.on_time })
  },
}

/** The rollup each rollup-fed KPI source reads; the compiler checks every source has one. */
export const ROLLUP_OF: Record<Exclude<KpiSource, 'outages'>, RollupSource> = {
  calls: CALLS,
  workorders: WORKORDERS,
  callbacks: CALLBACKS,
  occupancy: OCCUPANCY,
  supervision: SUPERVISION,
}

export const ROLLUPS: readonly RollupSource[] = Object.values(ROLLUP_OF)
