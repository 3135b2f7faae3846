// Gives routes the operational store (PostgreSQL: users, sessions, alerts,
// the log, …) as `app.store`. The store belongs to whoever opened it
// (bin/server-process.ts, or a test), as the ClickHouse client does: the
// caller closes it after the app, so this plugin never does.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import type { Store } from '../../core/store/store.ts'

declare module 'fastify' {
  interface FastifyInstance {
    store: Store
  }
}

async function store(app: FastifyInstance, opts: { store: Store }): Promise<void> {
  app.decorate('store', opts.store)
}

export default fp(store, { name: 'store' })
