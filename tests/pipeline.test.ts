// The ingest pipeline's promises, against the real embedded ClickHouse:
// nothing valid is lost, replays change nothing, late events land in their
// own minute, and bad input is dead-lettered without stopping ingestion.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ClickHouseClient } from '@clickhouse/client'
import { IngestPipeline, type PipelineLogger } from '../ingest/pipeline.ts'
import { startOpenOrdersCleanup } from '../ingest/open-orders-cleanup.ts'
import { createLogger } from '../core/logger.ts'
import { loadIngestConfig, type IngestConfig } from '../ingest/config.ts'
import { DEFAULT_SLA_RULES } from '../schemas/sla.ts'
import { EVENT_TYPES, type DomainEvent } from '../schemas/events.ts'
import { openTempStorage, queryRows } from './support/temp-storage.ts'
import { sampleEvent } from './support/sample-events.ts'
import { waitFor } from './support/kafka-ingest-fixtures.ts'

let storage: Awaited<ReturnType<typeof openTempStorage>>
const quiet: PipelineLogger = { info: () => {}, warn: () => {}, error: () => {} }
const config = (over: Partial<IngestConfig> = {}): IngestConfig => ({ ...loadIngestConfig({}), batchMs: 50, ...over })
const pipelineOn = (client: ClickHouseClient, over: Partial<IngestConfig> = {}, logger = quiet) =>
  new IngestPipeline({ client, config: config(over), slaRules: DEFAULT_SLA_RULES, logger })
const items = (events: unknown[], source = 'test') =>
  events.map((e) => ({ input: typeof e === 'string' ? e : JSON.stringify(e), source }))

async function ingest(events: unknown[], client = storage.client, over: Partial<IngestConfig> = {}) {
  const pipeline = pipelineOn(client, over)
  const submission = await pipeline.submit(items(events))
  await pipeline.stop()
  return { pipeline, submission }
}

/** Every count and sum the KPIs read, so that a test can say "nothing changed". */
async function rollupTotals() {
  const [calls] = await queryRows<Record<string, number>>(storage,
    'SELECT sum(offered) o, sum(answered) a, sum(answer_wait_ms) w, sum(abandoned) ab, sum(ended) e, sum(handle_ms) h, sum(surveys) s FROM kpi_calls_1m')
  const [orders] = await queryRows<Record<string, number>>(storage,
    'SELECT sum(created) c, sum(arrived_with_sla) a, sum(arrived_on_time) t, sum(resolve_ms) r, sum(escalated) e FROM kpi_workorders_1m')
  const [callbacks] = await queryRows<Record<string, number>>(storage, 'SELECT sum(due) d, sum(on_time) t FROM kpi_callbacks_1m')
  const [agents] = await queryRows<Record<string, number>>(storage, 'SELECT sum(busy_ms) b, sum(available_ms) a FROM kpi_occupancy_1m')
  const [events] = await queryRows<Record<string, number>>(storage, 'SELECT count() n, uniqExact(event_id) u FROM events')
  return { calls, orders, callbacks, agents, events }
}

beforeAll(async () => {
  storage = await openTempStorage()
})
afterAll(async () => {
  await storage.destroy()
})

describe('ingest pipeline', () => {
  const base = Date.now() - 3 * 3600_000
  // A day in the life of one work order, one call, one agent and one outage.
  const story: DomainEvent[] = [
    sampleEvent('agent.state', base, { agent_id: 'A-7', state: 'available' }),
    sampleEvent('call.offered', base + 60_000, { call_id: 'C-7' }),
    sampleEvent('call.answered', base + 75_000, { call_id: 'C-7', agent_id: 'A-7', wait_ms: 15_000 }),
    sampleEvent('agent.state', base + 75_000, { agent_id: 'A-7', state: 'on_call' }),
    sampleEvent('call.ended', base + 300_000, { call_id: 'C-7', agent_id: 'A-7' }),
    sampleEvent('agent.state', base + 300_000, { agent_id: 'A-7', state: 'wrap_up' }),
    sampleEvent('workorder.created', base + 310_000, { workorder_id: 'W-7', area_class: 'rural' }),
    sampleEvent('workorder.dispatched', base + 320_000, { workorder_id: 'W-7' }),
    sampleEvent('workorder.arrived', base + 310_000 + 80 * 60_000, { workorder_id: 'W-7' }),
    sampleEvent('workorder.resolved', base + 310_000 + 120 * 60_000, { workorder_id: 'W-7' }),
    sampleEvent('outage.notified', base - 86_400_000, { outage_id: 'O-7', customers_notified: 500 }),
    sampleEvent('outage.started', base, { outage_id: 'O-7', kind: 'temporary', customers_affected: 600 }),
  ]

  it('stores a story and derives rollups and entity state from it', async () => {
    await ingest(story)
    const [order] = await queryRows<Record<string, string | null>>(storage,
      "SELECT status, arrive_due, arrived_at, team FROM workorders FINAL WHERE workorder_id = 'W-7'")
    expect(order.status).toBe('resolved')
    expect(order.team).toBe('field-east')
    // Rural fault repairs must arrive within 90 minutes; this one took 80.
    const [sla] = await queryRows<{ a: number; t: number }>(storage,
      "SELECT sum(arrived_with_sla) a, sum(arrived_on_time) t FROM kpi_workorders_1m WHERE category = 'fault_repair'")
    expect(sla).toEqual({ a: 1, t: 1 })
    const [agent] = await queryRows<{ state: string }>(storage, "SELECT state FROM agents FINAL WHERE agent_id = 'A-7'")
    expect(agent.state).toBe('wrap_up')
    const [busy] = await queryRows<{ b: number; a: number }>(storage, 'SELECT sum(busy_ms) b, sum(available_ms) a FROM kpi_occupancy_1m')
    expect(busy).toEqual({ b: 300_000 - 75_000, a: 75_000 })
    const [outage] = await queryRows<{ customers_notified: number; first_notified_at: string }>(storage,
      "SELECT customers_notified, first_notified_at FROM outages FINAL WHERE outage_id = 'O-7'")
    expect(outage.customers_notified).toBe(500)
  })

  it('changes no row count and no rollup when events are replayed in any batching', async () => {
    const before = await rollupTotals()
    // Replayed whole, in batches of one, reversed, and mixed with itself, through fresh pipelines
    // (as after a restart, with nothing remembered in memory).
    await ingest(story)
    await ingest(story, storage.client, { batchRows: 1 })
    await ingest([...story].reverse().concat(story), storage.client, { batchRows: 3 })
    expect(await rollupTotals()).toEqual(before)
    expect(before.events.n).toBe(story.length)
    expect(before.events.u).toBe(before.events.n)
  })

  it('counts late and out-of-order events in the minute of their own occurred_at', async () => {
    const minute = Math.floor((Date.now() - 2 * 3600_000) / 60_000) * 60_000
    const late = sampleEvent('call.offered', minute + 30_000, { call_id: 'late', queue: 'vip' })
    const later = sampleEvent('call.offered', minute + 50 * 60_000, { call_id: 'later', queue: 'vip' })
    await ingest([later])
    await ingest([late])
    const rows = await queryRows<{ minute: string; offered: number }>(storage,
      "SELECT toString(minute) AS minute, sum(offered) AS offered FROM kpi_calls_1m WHERE queue = 'vip' GROUP BY minute ORDER BY minute")
    const fmt = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ')
    expect(rows).toEqual([
      { minute: fmt(minute), offered: 1 },
      { minute: fmt(minute + 50 * 60_000), offered: 1 },
    ])
  })

  it('dead-letters every kind of bad input with its reason and goes on', async () => {
    const good = sampleEvent('call.offered', Date.now(), { call_id: 'after-bad', queue: 'consult' })
    const tooBig = JSON.stringify({ ...sampleEvent('call.offered'), note: 'x'.repeat(1_100_000) })
    const bad = [
      'this is not json',
      JSON.stringify({ ...sampleEvent('call.answered'), wait_ms: 'soon' }),
      JSON.stringify({ ...sampleEvent('call.answered'), agent_id: undefined }),
      JSON.stringify({ ...sampleEvent('agent.state'), state: 'napping' }),
      JSON.stringify({ ...sampleEvent('call.ended'), talk_ms: -5 }),
      JSON.stringify(sampleEvent('call.offered', Date.now() + 3600_000)),
      JSON.stringify(sampleEvent('call.offered', Date.now() - 40 * 86_400_000)),
      tooBig,
      JSON.stringify({ ...sampleEvent('call.offered'), type: 'call.vanished' }),
    ]
    const { pipeline, submission } = await ingest([...bad, good])
    expect(submission.results.map((r) => (r.ok ? 'ok' : r.code))).toEqual([
      'not_json', 'invalid', 'invalid', 'invalid', 'invalid', 'too_far_future', 'too_far_past', 'too_large', 'unknown_type', 'ok',
    ])
    expect(pipeline.metrics.deadLetteredTotal).toBe(9)
    const dead = await queryRows<{ reason: string; payload_bytes: number; len: number }>(storage,
      'SELECT reason, payload_bytes, length(payload) AS len FROM dead_letters ORDER BY received_at, reason')
    expect(dead.map((d) => d.reason)).toEqual(expect.arrayContaining([
      expect.stringMatching(/^not_json: /),
      'invalid: field wait_ms: must be integer',
      'invalid: missing field agent_id',
      'invalid: field state: must be one of offline, available, on_call, wrap_up, not_ready',
      expect.stringMatching(/^invalid: field talk_ms: must be >= 0/),
      expect.stringMatching(/^too_far_future: occurred_at .* more than 300 s in the future/),
      expect.stringMatching(/^too_far_past: occurred_at .* more than 30 days in the past/),
      expect.stringMatching(/^too_large: message of \d+ bytes exceeds the limit of 1048576/),
      'unknown_type: unknown event type "call.vanished"',
    ]))
    const big = dead.find((d) => d.reason.startsWith('too_large'))!
    expect(big.payload_bytes).toBeGreaterThan(1_048_576)
    expect(big.len).toBe(65_536)
    const [stored] = await queryRows<{ n: number }>(storage, "SELECT count() n FROM events WHERE call_id = 'after-bad'")
    expect(stored.n).toBe(1)
  })

  it('keeps a batch whose insert fails and stores it once inserts succeed again', async () => {
    // Fault injection: ClickHouse cannot be stopped apart from this process
    // (it is embedded), so the client's inserts of the batch are made to fail
    // for a while (the sources' liveness reports, written beside, are not counted).
    let failuresLeft = 3
    const flaky = new Proxy(storage.client, {
      get(target, prop, receiver) {
        if (prop === 'insert') {
          return (params: Parameters<ClickHouseClient['insert']>[0]) =>
            params.table !== 'ingest_sources' && failuresLeft-- > 0 ? Promise.reject(new Error('connection refused')) : target.insert(params)
        }
        return Reflect.get(target, prop, receiver) as unknown
      },
    })
    const logged: string[] = []
    const logger: PipelineLogger = { info: (_o, m) => logged.push(m), warn: () => {}, error: (_o, m) => logged.push(m) }
    const pipeline = pipelineOn(flaky, { retryDelayMs: 10 }, logger)
    const events = Array.from({ length: 50 }, (_, i) => sampleEvent('call.offered', Date.now(), { call_id: `retry-${i}`, queue: 'business' }))
    const submission = await pipeline.submit(items(events))
    await submission.durable
    await pipeline.stop()
    const [stored] = await queryRows<{ n: number }>(storage, "SELECT count() n FROM events WHERE startsWith(call_id, 'retry-')")
    expect(stored.n).toBe(50)
    expect(pipeline.metrics.insertFailuresTotal).toBe(3)
    // The outage is logged once when it starts and once when it ends, not per retry.
    expect(logged).toEqual(['ingest: insert failed, keeping the batch and retrying', 'ingest: inserts succeed again'])
  })

  it('does not double a batch whose insert landed but whose answer was lost', async () => {
    // Fault injection: the first events insert is stored, then reported as failed.
    let lose = true
    const lossy = new Proxy(storage.client, {
      get(target, prop, receiver) {
        if (prop === 'insert') {
          return async (...args: Parameters<ClickHouseClient['insert']>) => {
            const result = await target.insert(...args)
            if (args[0].table === 'events' && lose) {
              lose = false
              throw new Error('socket hang up')
            }
            return result
          }
        }
        return Reflect.get(target, prop, receiver) as unknown
      },
    })
    const before = await rollupTotals()
    const events = Array.from({ length: 20 }, (_, i) => sampleEvent('call.offered', Date.now(), { call_id: `lost-${i}`, queue: 'fault' }))
    const pipeline = pipelineOn(lossy, { retryDelayMs: 10 })
    await (await pipeline.submit(items(events))).durable
    await pipeline.stop()
    const after = await rollupTotals()
    expect(after.events.n - before.events.n).toBe(20)
    expect(after.calls.o - before.calls.o).toBe(20)
  })

  it('completes an insert that stored the events but failed before a rollup, without doubling any', async () => {
    // A real half-done insert: a constraint makes ClickHouse refuse the rows of
    // one materialized view's target after `events` and the views before it
    // have taken theirs; then the constraint goes and the retry goes through.
    await storage.client.command({ query: 'ALTER TABLE kpi_calls_1m ADD CONSTRAINT test_refuses CHECK offered = 0' })
    const before = await rollupTotals()
    const logged: string[] = []
    const logger: PipelineLogger = { info: () => {}, warn: () => {}, error: (o, m) => logged.push(`${m} ${JSON.stringify(o)}`) }
    const pipeline = pipelineOn(storage.client, { retryDelayMs: 10, maxRetryDelayMs: 100 }, logger)
    const at = Date.now() - 60_000
    const events = [
      ...Array.from({ length: 30 }, (_, i) => sampleEvent('call.offered', at, { call_id: `half-${i}`, queue: 'half' })),
      ...Array.from({ length: 5 }, (_, i) => sampleEvent('workorder.created', at, { workorder_id: `W-half-${i}` })),
    ]
    const { durable } = await pipeline.submit(items(events))
    try {
      await waitFor('the events stored', async () => (await rollupTotals()).events.n - before.events.n === 35, 10_000, 50)
      expect(logged.join('\n')).toContain('test_refuses')
      const half = await rollupTotals()
      expect(half.calls.o - before.calls.o).toBe(0)
    } finally {
      await storage.client.command({ query: 'ALTER TABLE kpi_calls_1m DROP CONSTRAINT test_refuses' })
    }
    await durable
    await pipeline.stop()
    const after = await rollupTotals()
    expect(after.events.n - before.events.n).toBe(35)
    expect(after.events.u - before.events.u).toBe(35)
    expect(after.calls.o - before.calls.o).toBe(30)
    // The views that had taken the batch before the failure did not take it twice.
    expect(after.orders.c - before.orders.c).toBe(5)
  })

  it('keeps a closed work order out of the open backlog through merges and cleanups', async () => {
    const t = Date.now() - 3600_000
    await ingest([sampleEvent('workorder.created', t, { workorder_id: 'W-closed' }), sampleEvent('workorder.resolved', t + 60_000, { workorder_id: 'W-closed' })])
    await ingest([sampleEvent('workorder.closed', t + 120_000, { workorder_id: 'W-closed' })])
    const open = () => queryRows<{ n: number }>(storage, "SELECT count() n FROM workorders_open FINAL WHERE workorder_id = 'W-closed'")
    await storage.client.command({ query: 'OPTIMIZE TABLE workorders_open FINAL' })
    expect((await open())[0].n).toBe(0)
    const cleanup = startOpenOrdersCleanup(storage.client, createLogger('test', { level: 'silent', format: 'json' }))
    await expect.poll(async () => (await queryRows<{ n: number }>(storage,
      "SELECT count() n FROM workorders_open WHERE workorder_id = 'W-closed'"))[0].n).toBe(0)
    cleanup.stop()
    expect((await open())[0].n).toBe(0)
  })

  it('pauses a source when the buffer is full instead of dropping events', async () => {
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    const slow = new Proxy(storage.client, {
      get(target, prop, receiver) {
        if (prop === 'insert') {
          return async (...args: Parameters<ClickHouseClient['insert']>) => {
            await gate
            return target.insert(...args)
          }
        }
        return Reflect.get(target, prop, receiver) as unknown
      },
    })
    const pipeline = pipelineOn(slow, { maxBufferRows: 100, batchRows: 100 })
    const batch = (n: number) =>
      Array.from({ length: 100 }, (_, i) => sampleEvent('call.offered', Date.now(), { call_id: `bp-${n}-${i}`, queue: 'complaint' }))
    await pipeline.submit(items(batch(0)))
    let secondAccepted = false
    const second = pipeline.submit(items(batch(1))).then((s) => {
      secondAccepted = true
      return s
    })
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(secondAccepted).toBe(false)
    expect(pipeline.metrics.pausedTotal).toBe(1)
    release()
    await (await second).durable
    await pipeline.stop()
    const [stored] = await queryRows<{ n: number }>(storage, "SELECT count() n FROM events WHERE startsWith(call_id, 'bp-')")
    expect(stored.n).toBe(200)
  })

  it('stores every event type', async () => {
    const all = EVENT_TYPES.map((type) => sampleEvent(type, Date.now() - 60_000, { workorder_id: 'W-all', outage_id: 'O-all', supervision_id: 'SV-all' }))
    await ingest(all)
    const rows = await queryRows<{ type: string }>(storage,
      "SELECT DISTINCT type FROM events WHERE workorder_id = 'W-all' OR outage_id = 'O-all' OR call_id = 'C-1' OR agent_id = 'A-1' OR survey_id = 'S-1' OR supervision_id = 'SV-all'")
    expect(rows.map((r) => r.type).sort()).toEqual([...EVENT_TYPES].sort())
  })
})
