// Calls on the desk: GET /api/v1/calls/:id/timeline, every event of one call
// (offered, answered or abandoned, ended) in the order it happened. A call's
// events carry no order or outage id; the orders raised from it are those
// whose `workorder.created` carried its call_id (GET /api/v1/workorders?call=).
import type { Static } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import { errorResponses, ErrorSchema, HttpError } from '../http-error.ts'
import { entityTimeline } from '../queries/entity-timeline.ts'
import { EntityIdParams, TimelineResponse } from './timeline-schema.ts'

export default async function callRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Params: Static<typeof EntityIdParams> }>(
    '/calls/:id/timeline',
    {
      schema: {
        tags: ['drill-down'],
        summary: 'Every event of one call, in the order they happened',
        params: EntityIdParams,
        response: { 200: TimelineResponse, 404: ErrorSchema, ...errorResponses },
      },
    },
    async (request) => {
      const events = await entityTimeline(app.ch, 'call', request.params.id)
      if (events.length === 0) throw new HttpError(404, 'not_found', `no events for call '${request.params.id}'`)
      return { entity_id: request.params.id, events }
    },
  )
}
