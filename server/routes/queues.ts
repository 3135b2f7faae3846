// Queue drill-down: GET /api/v1/queues, each call queue of the territory with
// the calls waiting now and the longest wait, as the current snapshot counts
// them (so the list and the wall's figures agree), longest wait first; and
// GET /api/v1/queues/export, the same as a file.
import { Type, type Static } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { Territory } from '../../schemas/territory.ts'
import { exportFile } from '../export/table-export.ts'
import { errorResponses } from '../http-error.ts'
import type { SnapshotProvider } from '../plugins/socket.ts'
import { ExportOptions, Nullable } from './route-schemas.ts'

const Queue = Type.Object({
  queue: Type.String(),
  name: Type.String({ description: 'in the language asked for' }),
  waiting: Type.Integer(),
  longest_wait_seconds: Nullable(Type.Number()),
})
type QueueRow = Static<typeof Queue>

const Lang = { lang: ExportOptions.lang }

export default async function queueRoutes(app: FastifyInstance, opts: { territory: Territory; snapshots: SnapshotProvider }): Promise<void> {
  async function queueRows(lang: 'zh' | 'en'): Promise<QueueRow[]> {
    const byQueue = (await opts.snapshots.snapshotFor(null)).current.queue.by_queue
    return opts.territory.queues
      .map((q) => ({
        queue: q.code,
        name: lang === 'en' ? q.name_en : q.name_zh,
        waiting: byQueue[q.code]?.waiting ?? 0,
        longest_wait_seconds: byQueue[q.code]?.longest_wait_seconds ?? null,
      }))
      .sort((a, b) => (b.longest_wait_seconds ?? -1) - (a.longest_wait_seconds ?? -1) || b.waiting - a.waiting || a.queue.localeCompare(b.queue))
  }

  const Query = Type.Object(Lang, { additionalProperties: false })
  app.get<{ Querystring: Static<typeof Query> }>(
    '/queues',
    {
      schema: {
        tags: ['drill-down'],
        summary: 'Call queues now: calls waiting and the longest wait, longest wait first',
        querystring: Query,
        response: { 200: Type.Object({ total: Type.Integer(), items: Type.Array(Queue) }), ...errorResponses },
      },
    },
    async (request) => {
      const items = await queueRows(request.query.lang)
      return { total: items.length, items }
    },
  )

  const ExportQuery = Type.Object(ExportOptions, { additionalProperties: false })
  app.get<{ Querystring: Static<typeof ExportQuery> }>(
    '/queues/export',
    {
      schema: { tags: ['drill-down'], summary: 'Call queues now as a CSV or XLSX file', querystring: ExportQuery },
    },
    async (request, reply) => {
      const rows = await queueRows(request.query.lang)
      const file = await exportFile({ name: 'queues', columns: ['queue', 'name', 'waiting', 'longest_wait_seconds'], rows }, request.query.format)
      return reply.headers(file.headers).send(file.body)
    },
  )
}
