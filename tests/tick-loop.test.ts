// The tick loop's handling of a failure streak, on its own. Fault injection:
// the KPI engine is replaced by a stand-in that fails with a different
// message on every tick, as parallel queries do when a table is missing
// (which one fails first varies), which the real engine cannot be made to do
// in a fixed order. The screens must get one stale delta for the streak,
// not one per differing message, and one delta when it clears.
import { describe, expect, it } from 'vitest'
import { createLogger } from '../core/logger.ts'
import { createMetricsRegistry } from '../core/metrics/registry.ts'
import { KPI_DEFINITIONS } from '../schemas/kpis.ts'
import type { Delta } from '../schemas/snapshot.ts'
import { ServerMetrics } from '../server/metrics/server-metrics.ts'
import { emptySnapshot } from '../server/empty-snapshot.ts'
import { TickLoop, type SnapshotBody } from '../server/tick-loop.ts'

describe('tick loop', () => {
  it('sends one stale delta per failure streak, whatever each failure says, and one when it clears', async () => {
    let failure: number | null = null
    const body = (now: Date): SnapshotBody => {
      const { computed_at, region, windows, breakdowns, targets, current } = emptySnapshot({ region: null, build: 'b', now, definitions: KPI_DEFINITIONS, staleAfterMs: 60_000 })
      return { computed_at, watermark: now.toISOString(), region, windows, breakdowns, targets, current }
    }
    const deltas: Delta[] = []
    const loop = new TickLoop({
      engine: {
        compute: async (now) => {
          if (failure === null) return body(now)
          failure += 1
          throw new Error(`Table default.kpi_calls_1m does not exist (query ${failure})`)
        },
      },
      definitions: KPI_DEFINITIONS,
      // Every call below computes anew (nothing counts as recent).
      tickMs: 0,
      staleAfterMs: 60_000,
      build: () => 'b',
      now: () => new Date(),
      logger: createLogger('tick-loop-test', { level: 'silent', format: 'json' }),
      metrics: new ServerMetrics(createMetricsRegistry({ processMetrics: false }), () => 0),
      watchedRegions: () => [],
      publish: (_region, delta) => deltas.push(delta),
      sources: async () => ({ sources: [], loading: null }),
      supervisions: async () => ({ open: 0, overdue: 0 }),
    })
    const tick = async () => {
      await new Promise((resolve) => setTimeout(resolve, 2))
      await loop.snapshotFor(null)
    }
    await tick()
    failure = 0
    for (let i = 0; i < 5; i++) await tick()
    const stale = deltas.filter((d) => d.patch.stale !== undefined)
    expect(stale).toHaveLength(1)
    expect(stale[0].patch.stale).toMatchObject({ reason: 'KPI computation failing: Table default.kpi_calls_1m does not exist (query 1)' })
    expect(loop.current(null)?.stale?.reason).toContain('(query 1)')

    failure = null
    await tick()
    expect(deltas.filter((d) => d.patch.stale !== undefined)).toHaveLength(2)
    expect(loop.current(null)?.stale).toBeNull()
  })
})
