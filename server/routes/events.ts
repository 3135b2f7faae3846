// POST /api/v1/events: event intake over HTTP. The body is NDJSON (one event
// per line) or a JSON array (a single JSON object counts as one event). Each
// event goes to the sink (the ingest pipeline, or the Kafka publisher when
// deployed), which validates it with the same contracts as every other source
// and dead-letters what it refuses; the answer says, per event, which.
import { Type, type Static } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { EventSink } from '../../core/intake/event-sink.ts'
import type { IngestInput } from '../../core/intake/decode.ts'
import { errorResponses, ErrorSchema, HttpError } from '../http-error.ts'
import type { ServerMetrics } from '../metrics/server-metrics.ts'

const Result = Type.Union([
  Type.Object({ index: Type.Integer(), status: Type.Literal('accepted'), event_id: Type.String() }),
  Type.Object({
    index: Type.Integer(),
    status: Type.Literal('rejected'),
    code: Type.String({ description: 'reason code, e.g. invalid, not_json, unknown_type, too_far_future' }),
    reason: Type.String({ description: 'what is wrong, naming the field' }),
  }),
])

const IntakeResponse = Type.Object({
  accepted: Type.Integer(),
  rejected: Type.Integer(),
  results: Type.Array(Result, { description: 'one per event, in the order of the body' }),
})
type IntakeResponse = Static<typeof IntakeResponse>

const JsonBody = Type.Union([Type.Array(Type.Unknown(), { minItems: 1 }), Type.Object({}, { additionalProperties: true })], {
  description: 'a JSON array of events, or one event',
})

/** Non-blank lines of an NDJSON body; blank lines are neither events nor counted. */
function ndjsonLines(body: string): string[] {
  return body
    .split('\n')
    .map((line) => line.replace(/\r$/, ''))
    .filter((line) => line.trim().length > 0)
}

// A string item must not be read as JSON text (the sink parses strings):
// anything but an object goes as its JSON, which the contracts then refuse.
const jsonItem = (item: unknown): IngestInput => (typeof item === 'object' && item !== null ? item : JSON.stringify(item) ?? 'null')

export default async function eventRoutes(
  app: FastifyInstance,
  opts: { sink: EventSink; metrics: ServerMetrics; maxBodyBytes: number },
): Promise<void> {
  // Only the two documented forms: a text/plain body would otherwise be read as NDJSON by accident.
  app.removeContentTypeParser('text/plain')
  app.addContentTypeParser('application/x-ndjson', { parseAs: 'string', bodyLimit: opts.maxBodyBytes }, (_request, body, done) => {
    done(null, body)
  })

  app.post<{ Body: string | unknown[] | Record<string, unknown> }>(
    '/events',
    {
      bodyLimit: opts.maxBodyBytes,
      schema: {
        tags: ['events'],
        summary: 'Submit events',
        description:
          'Body: NDJSON (`application/x-ndjson`, one event per line; blank lines are skipped) or a JSON array (`application/json`). ' +
          'Each event is validated with the event contracts and answered in `results`, in body order: accepted with its event_id, or rejected with a reason ' +
          '(rejected events are also kept as dead letters). The answer is 200 once every event is validated and buffered for storage; it does not wait for ' +
          'the insert, which follows within the ingest flush interval (INGEST_BATCH_MS). A body over MAX_BODY_BYTES is refused with 413.',
        body: {
          content: {
            'application/x-ndjson': { schema: Type.String({ description: 'one JSON event per line' }) },
            'application/json': { schema: JsonBody },
          },
        },
        response: { 200: IntakeResponse, 413: ErrorSchema, 415: ErrorSchema, 503: ErrorSchema, ...errorResponses },
      },
    },
    async (request): Promise<IntakeResponse> => {
      const body = request.body
      const inputs: IngestInput[] =
        typeof body === 'string' ? ndjsonLines(body) : Array.isArray(body) ? body.map(jsonItem) : [body]
      if (inputs.length === 0) throw new HttpError(400, 'no_events', 'the body holds no events')
      const submission = await opts.sink.submit(inputs.map((input) => ({ input, source: 'http' }))).catch((err: unknown) => {
        // The sink refuses everything (stopping, Kafka unreachable): the caller should retry later.
        request.log.warn({ err }, 'event intake: the sink refused the request')
        throw new HttpError(503, 'unavailable', `events cannot be accepted now: ${(err as Error).message.split('\n')[0]}; retry later`)
      })
      const results = submission.results.map((r, index) => {
        if (r.ok) return { index, status: 'accepted' as const, event_id: r.event_id }
        opts.metrics.httpEventsRejected.inc({ reason: r.code })
        return { index, status: 'rejected' as const, code: r.code, reason: r.reason }
      })
      const accepted = results.filter((r) => r.status === 'accepted').length
      opts.metrics.httpEventsAccepted.inc(accepted)
      return { accepted, rejected: results.length - accepted, results }
    },
  )
}
