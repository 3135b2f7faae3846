// The JSON Schema of a Snapshot (schemas/snapshot.ts), for the OpenAPI
// document and the response serializer of GET /api/v1/snapshot. The
// compile-time check at the bottom keeps it in step with the shared type.
import { Type, type Static, type TSchema } from '@sinclair/typebox'
import { AGENT_STATES } from '../../schemas/events.ts'
import { KPI_IDS, WINDOWS } from '../../schemas/kpis.ts'
import type { Snapshot } from '../../schemas/snapshot.ts'

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])
const Iso = (description: string) => Type.String({ format: 'date-time', description })
const keyed = <K extends readonly string[], T extends TSchema>(keys: K, value: T) =>
  Type.Object(Object.fromEntries(keys.map((k) => [k, value])) as { [P in K[number]]: T })

const StatusSchema = Type.Union([Type.Literal('green'), Type.Literal('amber'), Type.Literal('red'), Type.Literal('none')])

const Volume = Type.Optional(Type.Number({ description: 'rates and averages: the items they are taken over (calls that left the queue, surveys, …)' }))

const KpiCellSchema = Type.Object({
  value: Nullable(Type.Number()),
  volume: Volume,
  target: Nullable(Type.Number()),
  status: StatusSchema,
  yesterday: Nullable(Type.Number({ description: 'the same window yesterday' })),
  last_week: Nullable(Type.Number({ description: 'the same window on the same weekday last week' })),
})

const BreakdownTableSchema = Type.Record(
  Type.String(),
  Type.Record(Type.String(), Type.Object({ value: Nullable(Type.Number()), volume: Volume, status: StatusSchema })),
  { description: 'dimension value → KPI id → value and status' },
)

const Num = Type.Number()
const ThresholdsSchema = Type.Union([
  Type.Object({ good: Type.Literal('higher'), amber: Num, red: Num }),
  Type.Object({ good: Type.Literal('lower'), amber: Num, red: Num }),
  Type.Object({ good: Type.Literal('range'), amber: Type.Tuple([Num, Num]), red: Type.Tuple([Num, Num]) }),
  Type.Object({ good: Type.Literal('none') }),
])

const KpiTargetsSchema = Type.Object({
  target: Nullable(Num),
  target_period: Nullable(Type.Literal('month')),
  thresholds: ThresholdsSchema,
})

const SourceHealthSchema = Type.Object({
  source: Type.String({ description: 'e.g. simulator, kafka:cc.calls, http' }),
  polling: Type.Boolean({ description: 'a polling source shows the flow alive even when no event comes' }),
  state: Type.Union([Type.Literal('live'), Type.Literal('behind'), Type.Literal('silent')]),
  last_active_at: Iso('when it last polled or delivered'),
  newest_event_at: Nullable(Iso('occurred_at of the newest event it delivered')),
  lag_messages: Nullable(Type.Integer({ description: 'messages waiting in Kafka for the consumer group' })),
})

const WindowBreakdownsSchema = Type.Object({
  region: BreakdownTableSchema,
  queue: BreakdownTableSchema,
  category: BreakdownTableSchema,
  outage_kind: BreakdownTableSchema,
  team: BreakdownTableSchema,
})

export const OutageBriefSchema = Type.Object({
  outage_id: Type.String(),
  region: Type.String(),
  kind: Type.String(),
  feeder: Type.String(),
  cause: Type.String(),
  customers_affected: Type.Number(),
  key_customers_affected: Type.Number(),
  started_at: Type.String(),
  etr: Nullable(Type.String()),
  etr_overrun: Type.Boolean(),
})

export const WorkorderBriefSchema = Type.Object({
  workorder_id: Type.String(),
  region: Type.String(),
  category: Type.String(),
  priority: Type.String(),
  status: Type.String(),
  team: Type.String(),
  created_at: Type.String(),
  due_at: Type.String(),
  milestone: Type.String(),
  overdue: Type.Boolean(),
})

const QueueSchema = Type.Object({ waiting: Type.Number(), longest_wait_seconds: Nullable(Type.Number()) })

export const SnapshotSchema = Type.Object(
  {
    tick: Type.Integer({ description: 'increases by one per change of this scope; a delta applies to the snapshot of its base_tick' }),
    build: Type.String({ description: 'the dashboard build id; a screen that sees it change reloads' }),
    computed_at: Iso('when the KPIs were computed'),
    watermark: Nullable(Iso('the newest occurred_at included')),
    stale: Nullable(Type.Object({ reason: Type.String(), since: Iso('since when') }, { description: 'why the figures cannot be trusted to be current: the flow of data stopped or fell behind, history still loading, computation failing' })),
    stale_after_seconds: Type.Number({ description: 'STALE_AFTER_SECONDS' }),
    sources: Type.Array(SourceHealthSchema, { description: 'every source heard from in the last 24 h' }),
    supervisions: Type.Object(
      { open: Type.Integer({ minimum: 0 }), overdue: Type.Integer({ minimum: 0 }) },
      { description: 'supervision orders (督办) waiting for the team\'s reply, and those of them past the deadline' },
    ),
    loading: Nullable(Type.Object({ progress: Type.Number({ minimum: 0, maximum: 1 }), source: Type.String() }, { description: 'history still loading (the first start\'s backfill)' })),
    region: Nullable(Type.String({ description: 'the region the snapshot is narrowed to; null for the whole territory' })),
    windows: keyed(WINDOWS, keyed(KPI_IDS, KpiCellSchema)),
    breakdowns: keyed(WINDOWS, WindowBreakdownsSchema),
    targets: keyed(KPI_IDS, KpiTargetsSchema),
    current: Type.Object({
      queue: Type.Composite([QueueSchema, Type.Object({ by_queue: Type.Record(Type.String(), QueueSchema) })]),
      agents_by_state: keyed(AGENT_STATES, Type.Integer()),
      outages: Type.Array(OutageBriefSchema, { description: 'the largest active outages, at most 20' }),
      workorders: Type.Object({
        open_by_category_status: Type.Record(Type.String(), Type.Record(Type.String(), Type.Integer())),
        overdue: Type.Array(WorkorderBriefSchema),
        at_risk: Type.Array(WorkorderBriefSchema),
      }),
    }),
  },
  { description: 'Every KPI in every window, breakdowns, the current state, and how fresh it all is' },
)

type Assert<T extends true> = T
export type _SchemaMatchesSnapshot = Assert<Snapshot extends Static<typeof SnapshotSchema> ? true : false>
