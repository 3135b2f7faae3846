// GET /api/v1/territory: the territory in use (regions, queues, teams and the
// region boundaries as inline GeoJSON), so screens label and map what the
// KPIs are broken down by.
import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { Territory } from '../../schemas/territory.ts'
import { errorResponses } from '../http-error.ts'

const Named = { code: Type.String(), name_zh: Type.String(), name_en: Type.String() }

const TerritoryResponse = Type.Object({
  name_zh: Type.String(),
  name_en: Type.String(),
  hotline: Type.Optional(Type.String()),
  time_zone: Type.String({ description: 'the center\'s time zone (CENTER_TZ): "today" starts at its midnight' }),
  regions: Type.Array(
    Type.Object({
      ...Named,
      customers: Type.Integer(),
      area_class: Type.String({ description: 'urban, rural or remote' }),
    }),
  ),
  queues: Type.Array(Type.Object(Named)),
  teams: Type.Array(Type.Object({ ...Named, kind: Type.String({ description: 'agents, field or backoffice' }) })),
  geojson: Type.Object(
    { type: Type.Literal('FeatureCollection'), features: Type.Array(Type.Unknown()) },
    { description: 'region boundaries; each feature has properties.code = a region code', additionalProperties: true },
  ),
})

export default async function territoryRoutes(app: FastifyInstance, opts: { territory: Territory; timeZone: string }): Promise<void> {
  const body = { ...opts.territory, time_zone: opts.timeZone }
  app.get(
    '/territory',
    {
      schema: {
        tags: ['territory'],
        summary: 'The territory in use',
        response: { 200: TerritoryResponse, ...errorResponses },
      },
    },
    async () => body,
  )
}
