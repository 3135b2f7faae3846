// Gives routes the operational store (PostgreSQL: users, sessions, alerts,
// the log, …) as `app.store`. The store belongs to whoever opened it
// (bin/server-process.ts, or a test), as the ClickHouse client does: the
// caller closes it after the app, so this plugin never does. An embedded
// store has no autovacuum: the app vacuums it while it runs
// (core/store/embedded-vacuum.ts), and stops before the store is closed.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { vacuumPeriodically } from '../../core/store/embedded-vacuum.ts'
import type { Store } from '../../core/store/store.ts'

declare module 'fastify' {
  interface FastifyInstance {
    store: Store
  }
}

async function store(app: FastifyInstance, opts: { store: Store }): Promise<void> {
  app.decorate('store', opts.store)
  const vacuum = vacuumPeriodically(opts.store, app.log)
  app.addHook('onClose', () => vacuum.stop())
}

export default fp(store, { name: 'store' })
