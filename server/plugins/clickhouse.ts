// Gives routes the ClickHouse client as `app.ch`. The storage belongs to
// whoever opened it (server/server-service.ts or the all-in-one main, which
// shares it with ingest): closing the app must not close a client that ingest
// may still be flushing through, so this plugin never closes it.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import type { ClickHouseClient } from '@clickhouse/client'

declare module 'fastify' {
  interface FastifyInstance {
    ch: ClickHouseClient
  }
}

async function clickhouse(app: FastifyInstance, opts: { client: ClickHouseClient }): Promise<void> {
  app.decorate('ch', opts.client)
}

export default fp(clickhouse, { name: 'clickhouse' })
