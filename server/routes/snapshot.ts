// GET /api/v1/snapshot: the current snapshot of the whole territory or of
// one region, the same object screens receive over Socket.IO.
import { Type, type Static } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import { errorResponses } from '../http-error.ts'
import type { SnapshotProvider } from '../plugins/socket.ts'
import { OneOf } from './route-schemas.ts'
import { SnapshotSchema } from './snapshot-schema.ts'

export default async function snapshotRoutes(
  app: FastifyInstance,
  opts: { snapshots: SnapshotProvider; regionCodes: readonly string[] },
): Promise<void> {
  const Query = Type.Object(
    { region: Type.Optional(OneOf(opts.regionCodes, 'narrow to one region; absent for the whole territory')) },
    { additionalProperties: false },
  )
  app.get<{ Querystring: Static<typeof Query> }>(
    '/snapshot',
    {
      schema: {
        tags: ['snapshot'],
        summary: 'The current snapshot',
        description:
          'Every KPI in every window (15m, 60m, today) with target, status and the same window yesterday and last week; breakdowns; the current state. ' +
          '`stale` is set when the last computation failed or no new events arrived for STALE_AFTER_SECONDS.',
        querystring: Query,
        response: { 200: SnapshotSchema, ...errorResponses },
      },
    },
    async (request) => opts.snapshots.snapshotFor(request.query.region ?? null),
  )
}
