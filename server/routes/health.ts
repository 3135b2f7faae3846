// Probes, open without credentials (they carry none and reveal nothing):
// GET /healthz, the process is up; GET /readyz, it can serve fresh data:
// ClickHouse answers, every migration is applied, and the last tick is fresh.
import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import { appliedMigrations, readMigrations } from '../../core/storage/migrate.ts'
import type { Snapshot } from '../../schemas/snapshot.ts'

export interface TickState {
  readonly tickMs: number
  readonly lastGoodTickAt: number | null
  current(region: null): Pick<Snapshot, 'loading'> | undefined
}

const Check = Type.Object({ ok: Type.Boolean(), detail: Type.String() })
const Readiness = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('not_ready')]),
  checks: Type.Object({ clickhouse: Check, migrations: Check, tick: Check, history: Check }),
})

const firstLine = (err: unknown) => (err instanceof Error ? err.message : String(err)).split('\n')[0].slice(0, 300)

export default async function healthRoutes(app: FastifyInstance, opts: { ticks: TickState }): Promise<void> {
  const expectedMigrations = readMigrations().length

  app.get(
    '/healthz',
    { schema: { tags: ['health'], summary: 'Liveness: the process is up', response: { 200: Type.Object({ status: Type.Literal('ok') }) } } },
    async () => ({ status: 'ok' as const }),
  )

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['health'],
        summary: 'Readiness: ClickHouse reachable, migrations applied, last tick fresh, history loaded',
        description: `503 with the failing checks otherwise. The tick is fresh when the last good one is younger than 3 tick intervals. While the first start's backfill still loads history, the figures are not yet the truth: not ready.`,
        response: { 200: Readiness, 503: Readiness },
      },
    },
    async (_request, reply) => {
      const clickhouse = await app.ch
        .ping()
        .then((r) => (r.success ? { ok: true, detail: 'reachable' } : { ok: false, detail: `unreachable: ${firstLine(r.error)}` }))
        .catch((err: unknown) => ({ ok: false, detail: `unreachable: ${firstLine(err)}` }))
      const migrations = clickhouse.ok
        ? await appliedMigrations(app.ch)
            .then((applied) =>
              applied.length >= expectedMigrations
                ? { ok: true, detail: `${applied.length} of ${expectedMigrations} applied` }
                : { ok: false, detail: `${applied.length} of ${expectedMigrations} applied; start the server or ingest once to migrate` },
            )
            .catch((err: unknown) => ({ ok: false, detail: `cannot read schema_migrations: ${firstLine(err)}` }))
        : { ok: false, detail: 'not checked: ClickHouse unreachable' }
      const { lastGoodTickAt, tickMs } = opts.ticks
      const age = lastGoodTickAt === null ? null : Date.now() - lastGoodTickAt
      const tick =
        age === null
          ? { ok: false, detail: 'no tick has succeeded yet' }
          : age < 3 * tickMs
            ? { ok: true, detail: `last good tick ${age} ms ago` }
            : { ok: false, detail: `last good tick ${age} ms ago (more than 3 × ${tickMs} ms)` }
      const loading = opts.ticks.current(null)?.loading ?? null
      const history = loading
        ? { ok: false, detail: `still loading: ${Math.floor(loading.progress * 100)}% (${loading.source})` }
        : { ok: true, detail: 'loaded' }
      const ready = clickhouse.ok && migrations.ok && tick.ok && history.ok
      return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', checks: { clickhouse, migrations, tick, history } })
    },
  )
}
