// The handover's answers as JSON Schema (documented at /docs): the draft of
// a shift and the record handed over (schemas/handover.ts gives the types).
import { Type } from '@sinclair/typebox'
import { KPI_IDS } from '../../schemas/kpis.ts'
import { LogEntryOut } from './operations-log.ts'
import { Nullable, OneOf } from './route-schemas.ts'

const Time = Type.String({ format: 'date-time' })
const Counts = (names: string[]) => Type.Object(Object.fromEntries(names.map((n) => [n, Type.Integer()])))
const Section = (item: ReturnType<typeof Type.Object>, counts: string[], description: string) =>
  Type.Object({ counts: Counts(counts), items: Type.Array(item, { description: 'at most 100, the most recent first; counts cover the whole period' }) }, { description })

const Shift = Type.Object({
  id: Type.String(),
  name: Type.String(),
  date: Type.String({ format: 'date', description: 'the local date it began on' }),
  starts_at: Time,
  ends_at: Time,
})

const Kpi = Type.Object({
  id: OneOf(KPI_IDS, 'a windowed KPI of the registry'),
  value: Nullable(Type.Number()),
  target: Nullable(Type.Number({ description: 'a monthly target scaled to the period' })),
  status: OneOf(['green', 'amber', 'red', 'none'], 'against the thresholds'),
})

const AlertItem = Type.Object({
  id: Type.String(),
  rule_name: Type.String(),
  severity: Type.String(),
  summary: Type.String(),
  region: Nullable(Type.String()),
  fired_at: Nullable(Time),
  fired_in_period: Type.Boolean(),
  acknowledged_in_period: Type.Boolean(),
  resolved_in_period: Type.Boolean(),
  open_at_end: Type.Boolean(),
  acknowledged_by: Nullable(Type.String()),
})

const SupervisionItem = Type.Object({
  id: Type.String(),
  target_type: Type.String(),
  target_id: Type.String(),
  team: Type.String(),
  reason: Type.String(),
  due_at: Time,
  issued_in_period: Type.Boolean(),
  closed_in_period: Type.Boolean(),
  open_at_end: Type.Boolean(),
  overdue_at_end: Type.Boolean(),
})

const OutageItem = Type.Object({
  outage_id: Type.String(),
  region: Type.String(),
  kind: Type.String(),
  feeder: Type.String(),
  customers_affected: Type.Integer(),
  key_customers_affected: Type.Integer(),
  started_at: Nullable(Time),
  restored_at: Nullable(Time),
  started_in_period: Type.Boolean(),
  restored_in_period: Type.Boolean(),
  active_at_end: Type.Boolean(),
})

export const HandoverContentOut = Type.Object({
  shift: Shift,
  period: Type.Object({ from: Time, to: Time }, { description: '[from, to): the shift’s start to its end, or to the drafting when earlier' }),
  team: Nullable(Type.String()),
  outgoing_lead: Nullable(Type.String({ description: 'the roster’s lead of the shift' })),
  incoming: Type.Object({ shift: Nullable(Shift), team: Nullable(Type.String()), lead: Nullable(Type.String()) }),
  kpis: Type.Array(Kpi, { description: 'every windowed KPI over the period, against its target' }),
  alerts: Section(AlertItem, ['fired', 'acknowledged', 'resolved', 'open'], 'alerts fired, acknowledged and resolved in the period, and open at its end'),
  supervisions: Section(SupervisionItem, ['issued', 'closed', 'open', 'overdue'], 'supervision orders issued and closed in the period, open and overdue at its end'),
  outages: Section(OutageItem, ['started', 'restored', 'active'], 'outages started and restored in the period, active at its end'),
  log: Type.Array(LogEntryOut, { description: 'the period’s notable log entries, newest first' }),
  drafted_at: Time,
})

const Who = Type.Object({ by: Type.String(), name: Type.String(), at: Time })

export const HandoverOut = Type.Object({
  id: Type.String(),
  shift: Shift,
  period: Type.Object({ from: Time, to: Time }),
  boundary_at: Type.String({ format: 'date-time', description: 'when the incoming shift takes over' }),
  team: Nullable(Type.String()),
  outgoing_lead: Nullable(Type.String()),
  incoming_team: Nullable(Type.String()),
  incoming_lead: Nullable(Type.String()),
  notes: Type.String(),
  content: HandoverContentOut,
  handed_over: Who,
  confirmed: Nullable(Who),
})

export const HandoverDraftOut = Type.Object({
  draft: HandoverContentOut,
  handover: Nullable(HandoverOut),
})
