// KPI definitions and trend series:
// GET /api/v1/kpis — every KPI with labels, unit, target and thresholds as
// configured here (KPI_CONFIG_FILE overrides included), so screens judge and
// label values as the server does;
// GET /api/v1/kpis/:id/series — one windowed KPI per step over a window,
// with the same window yesterday and last week, for trend charts.
import { Type, type Static } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import { KPI_IDS, WINDOWS, type KpiDefinition, type KpiId } from '../../schemas/kpis.ts'
import type { KpiEngine } from '../kpi/kpi-engine.ts'
import { SERIES_STEPS } from '../kpi/kpi-series.ts'
import { errorResponses, ErrorSchema, HttpError } from '../http-error.ts'
import { Nullable, OneOf } from './route-schemas.ts'

const Definition = Type.Object({
  id: Type.String(),
  label_zh: Type.String(),
  label_en: Type.String(),
  unit: Type.String(),
  kind: Type.String({ description: 'windowed: counts events in the window; now: the current state' }),
  target: Nullable(Type.Number()),
  target_period: Type.Optional(Type.String({ description: '"month": the target is per month and scaled to each window' })),
  thresholds: Type.Object({}, { additionalProperties: true, description: 'good: higher | lower | range | none, with amber and red' }),
  breakdowns: Type.Array(Type.String()),
})

const Series = Type.Object({
  id: Type.String(),
  window: Type.String(),
  step: Type.String(),
  unit: Type.String(),
  points: Type.Array(
    Type.Object({
      at: Type.String({ format: 'date-time', description: 'start of the step, on the axis of the current window' }),
      today: Nullable(Type.Number()),
      yesterday: Nullable(Type.Number()),
      last_week: Nullable(Type.Number()),
    }),
  ),
})

export default async function kpiRoutes(
  app: FastifyInstance,
  opts: { engine: KpiEngine; definitions: Record<KpiId, KpiDefinition>; regionCodes: readonly string[]; now: () => Date },
): Promise<void> {
  const definitions = KPI_IDS.map((id) => opts.definitions[id])
  app.get(
    '/kpis',
    {
      schema: {
        tags: ['kpis'],
        summary: 'KPI definitions as configured on this server',
        response: { 200: Type.Object({ kpis: Type.Array(Definition) }), ...errorResponses },
      },
    },
    async () => ({ kpis: definitions }),
  )

  const Params = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64, description: 'a KPI id, see GET /api/v1/kpis' }) })
  const Query = Type.Object(
    {
      window: Type.Optional(OneOf(WINDOWS, 'the window; default today')),
      step: Type.Optional(OneOf(SERIES_STEPS, 'the step; default 1m')),
      region: Type.Optional(OneOf(opts.regionCodes, 'narrow to one region')),
    },
    { additionalProperties: false },
  )
  app.get<{ Params: Static<typeof Params>; Querystring: Static<typeof Query> }>(
    '/kpis/:id/series',
    {
      schema: {
        tags: ['kpis'],
        summary: 'Trend series of one KPI: the window now, yesterday and last week',
        description: '"Now" KPIs (queue, agents, active outages, open orders) have no history and answer 400 not_a_series_kpi.',
        params: Params,
        querystring: Query,
        response: { 200: Series, 404: ErrorSchema, ...errorResponses },
      },
    },
    async (request) => {
      const id = request.params.id
      if (!(KPI_IDS as readonly string[]).includes(id)) {
        throw new HttpError(404, 'unknown_kpi', `unknown KPI id '${id}'; known ids: ${KPI_IDS.join(', ')}`, [...KPI_IDS])
      }
      const q = request.query
      return opts.engine.series(id as KpiId, {
        window: q.window ?? 'today',
        step: q.step ?? '1m',
        region: q.region ?? null,
        now: opts.now(),
      })
    },
  )
}
