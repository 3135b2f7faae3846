// Request logs a person can read: every request at debug level only, so
// heartbeats and snapshot reads do not flood the log; at info a request
// that was slow, at warn one that failed on the client's side, at error one
// that failed on the server's (the error handler logs its cause). Secrets in
// headers never reach the log (core/logger.ts redacts them).
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'

/** A request slower than this is worth a line at info level. */
export const SLOW_REQUEST_MS = 1000

async function requestLog(app: FastifyInstance): Promise<void> {
  app.addHook('onResponse', async (request, reply) => {
    const ms = Math.round(reply.elapsedTime)
    const line = { method: request.method, url: request.url.split('?')[0], status: reply.statusCode, ms }
    if (reply.statusCode >= 500) request.log.error(line, 'request failed')
    else if (reply.statusCode >= 400 && reply.statusCode !== 404) request.log.warn(line, 'request refused')
    else if (ms >= SLOW_REQUEST_MS) request.log.info(line, 'slow request')
    else request.log.debug(line, 'request')
  })
}

export default fp(requestLog, { name: 'request-log' })
