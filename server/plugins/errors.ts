// Every error leaves the server as JSON `{ statusCode, code, message }`:
// validation failures, oversized bodies, unknown routes, and our own
// HttpErrors alike. Unexpected errors are logged with their cause and answer
// 500 without internals.
import fp from 'fastify-plugin'
import type { FastifyError, FastifyInstance } from 'fastify'
import { HttpError, type ErrorBody } from '../http-error.ts'

const FASTIFY_CODES: Record<string, { status: number; code: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'body_too_large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'unsupported_media_type' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'bad_request' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'bad_request' },
}

function toBody(err: FastifyError | HttpError, maxBodyBytes: number): ErrorBody {
  if (err instanceof HttpError) {
    return { statusCode: err.statusCode, code: err.code, message: err.message, ...(err.accepted ? { accepted: err.accepted } : {}) }
  }
  const known = err.code ? FASTIFY_CODES[err.code] : undefined
  if (known?.code === 'body_too_large') {
    return { statusCode: 413, code: known.code, message: `request body is larger than the limit of ${maxBodyBytes} bytes (MAX_BODY_BYTES); split it into smaller requests` }
  }
  if (known) return { statusCode: known.status, code: known.code, message: err.message }
  if (err.validation) {
    const first = err.validation[0]
    const allowed = first?.keyword === 'enum' ? (first.params as { allowedValues?: unknown[] }).allowedValues : undefined
    if (allowed) {
      const field = `${err.validationContext ?? 'request'}${first.instancePath.replaceAll('/', '.')}`
      return { statusCode: 400, code: 'bad_request', message: `${field} must be one of: ${allowed.join(', ')}`, accepted: allowed.map(String) }
    }
    return { statusCode: 400, code: 'bad_request', message: err.message }
  }
  const status = err.statusCode ?? 500
  if (status >= 400 && status < 500) {
    // Errors that name their own code (e.g. the KPI engine's) keep it; Fastify's internal FST_* codes do not leak.
    const code = typeof err.code === 'string' && !err.code.startsWith('FST_') ? err.code : 'bad_request'
    return { statusCode: status, code, message: err.message }
  }
  return { statusCode: 500, code: 'internal_error', message: 'internal error; the server log has the cause' }
}

async function errors(app: FastifyInstance, opts: { maxBodyBytes: number }): Promise<void> {
  app.setErrorHandler<FastifyError | HttpError>((err, request, reply) => {
    const body = toBody(err, opts.maxBodyBytes)
    if (body.code === 'internal_error') request.log.error({ err }, 'request failed')
    return reply.code(body.statusCode).type('application/json; charset=utf-8').send(body)
  })
  app.setNotFoundHandler((request, reply) => {
    const body: ErrorBody = { statusCode: 404, code: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` }
    return reply.code(404).send(body)
  })
}

export default fp(errors, { name: 'errors' })
