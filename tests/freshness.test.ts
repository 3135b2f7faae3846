// Freshness that tells a quiet hour from a broken pipe. One clock, moved by
// the test, drives the pipeline (which reports its sources' liveness to
// ClickHouse) and the server (which reads it): a quiet night keeps a polling
// source live and the snapshot fresh however old the newest event; a source
// that stops polling turns the snapshot stale; events that wait to be stored
// make it "behind"; a history load in progress is said, with its progress,
// and keeps /readyz at 503. Inserts of events are refused by a switch on the
// client (fault injection: the embedded engine cannot be made unreachable
// for one table only); everything else is the real engine.
import type { ClickHouseClient } from '@clickhouse/client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadIngestConfig } from '../ingest/config.ts'
import { IngestPipeline } from '../ingest/pipeline.ts'
import { DEFAULT_SLA_RULES } from '../schemas/sla.ts'
import type { Snapshot } from '../schemas/snapshot.ts'
import { buildApp } from '../server/app.ts'
import { eventually, territory, testConfig } from './server-harness.ts'
import { withToken, type Caller } from './support/access.ts'
import { sampleEvent } from './support/sample-events.ts'
import { shanghaiTime } from './support/fixed-clock.ts'
import { openTempStorage } from './support/temp-storage.ts'
import { openTempStore, type TempStore } from './support/temp-store.ts'

const START = shanghaiTime(3, 30) // a quiet night, yesterday
const MIN = 60_000

let clock = START
let eventsRefused = false
let storage: Awaited<ReturnType<typeof openTempStorage>>
let store: TempStore
let pipeline: IngestPipeline
let app: Awaited<ReturnType<typeof buildApp>>
let reader: Caller

/** The client as the pipeline sees it: inserts into `events` fail while eventsRefused is set. */
function switchable(client: ClickHouseClient): ClickHouseClient {
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === 'insert') {
        return (params: Parameters<ClickHouseClient['insert']>[0]) =>
          eventsRefused && params.table === 'events' ? Promise.reject(new Error('fault injection: insert refused')) : target.insert(params)
      }
      return Reflect.get(target, prop, receiver) as unknown
    },
  })
}

beforeAll(async () => {
  ;[storage, store] = await Promise.all([openTempStorage(), openTempStore()])
  const quiet = { info: () => {}, warn: () => {}, error: () => {} }
  const config = { ...loadIngestConfig({}), batchMs: 20, retryDelayMs: 50, maxRetryDelayMs: 100, maxPastSkewMs: 30 * 86_400_000 }
  pipeline = new IngestPipeline({ client: switchable(storage.client), config, slaRules: DEFAULT_SLA_RULES, logger: quiet, now: () => clock })
  app = await buildApp({ storage, store, config: testConfig({ STALE_AFTER_SECONDS: '60' }), territory, sink: pipeline, now: () => new Date(clock) })
  await app.ready()
  reader = await withToken(app, ['read'])
})

afterAll(async () => {
  eventsRefused = false
  await app?.close()
  await pipeline?.stop(5000)
  await storage?.destroy()
  await store?.destroy()
})

const snapshot = async () => (await app.inject({ url: '/api/v1/snapshot', headers: reader.headers })).json<Snapshot>()

/** Moves the clock, reports the sources as of then, and waits for a snapshot computed at it that satisfies `ok`. */
async function at(ms: number, ok: (s: Snapshot) => boolean, what: string): Promise<Snapshot> {
  clock = ms
  await pipeline.liveness.report()
  let last: Snapshot | undefined
  await eventually(
    async () => {
      last = await snapshot()
      return last.computed_at === new Date(ms).toISOString() && ok(last)
    },
    10_000,
    what,
  ).catch((err: Error) => {
    throw new Error(`${err.message}; last snapshot: stale ${JSON.stringify(last?.stale)}, sources ${JSON.stringify(last?.sources)}`)
  })
  return last!
}

const simulatorSource = (s: Snapshot) => s.sources.find((x) => x.source === 'simulator')

describe('freshness', () => {
  it('is live while a polling source delivers', async () => {
    pipeline.liveness.polled('simulator')
    const events = Array.from({ length: 3 }, (_, i) => sampleEvent('call.offered', START - 1000, { call_id: `F-${i}` }))
    const submission = await pipeline.submit(events.map((input) => ({ input, source: 'simulator' })))
    // The pipeline's clock stands still here, so a batch never ages: flush it.
    await pipeline.flush()
    await submission.durable
    const s = await at(START, (x) => simulatorSource(x)?.state === 'live' && x.watermark !== null, 'simulator live')
    expect(s.stale).toBeNull()
    expect(simulatorSource(s)).toMatchObject({ polling: true, newest_event_at: new Date(START - 1000).toISOString() })
  })

  it('stays live through a quiet night: no event for ten minutes, but the source keeps polling', async () => {
    clock = START + 10 * MIN
    pipeline.liveness.polled('simulator')
    const s = await at(START + 10 * MIN, (x) => simulatorSource(x)?.last_active_at === new Date(START + 10 * MIN).toISOString(), 'a poll')
    expect(s.stale).toBeNull()
    expect(simulatorSource(s)?.state).toBe('live')
    // The newest event is ten minutes old, which alone would have read as stale.
    expect(clock - Date.parse(s.watermark!)).toBeGreaterThan(9 * MIN)
  })

  it('turns stale when the flow stops: the source silent for longer than STALE_AFTER_SECONDS', async () => {
    const s = await at(START + 12 * MIN, (x) => x.stale !== null, 'stale')
    expect(s.stale?.reason).toBe('no data flows: simulator silent for more than 60 s')
    expect(s.stale?.since).toBe(new Date(START + 11 * MIN).toISOString())
    expect(simulatorSource(s)?.state).toBe('silent')
    const later = await at(START + 13 * MIN, (x) => x.stale !== null, 'still stale')
    expect(later.stale?.since).toBe(s.stale?.since) // the streak keeps its start
  })

  it('says "behind" when what a source delivers waits to be stored', async () => {
    eventsRefused = true
    clock = START + 20 * MIN
    pipeline.liveness.polled('simulator')
    await pipeline.submit([{ input: sampleEvent('call.offered', clock, { call_id: 'F-late' }), source: 'simulator' }])
    const fresh = await at(START + 20 * MIN, (x) => simulatorSource(x)?.state === 'live', 'live again, the event pending')
    expect(fresh.stale).toBeNull()
    clock = START + 22 * MIN
    pipeline.liveness.polled('simulator')
    const s = await at(START + 22 * MIN, (x) => simulatorSource(x)?.state === 'behind', 'behind')
    expect(s.stale?.reason).toBe('ingest is behind: simulator: events wait to be stored')
    eventsRefused = false
    await pipeline.flush()
    clock = START + 23 * MIN
    pipeline.liveness.polled('simulator')
    const caught = await at(START + 23 * MIN, (x) => x.stale === null, 'caught up')
    expect(simulatorSource(caught)?.state).toBe('live')
  })

  it('says that history is still loading, with progress, and is not ready meanwhile', async () => {
    clock = START + 24 * MIN
    pipeline.liveness.polled('simulator')
    pipeline.liveness.loading('simulator', 0.42)
    const s = await at(START + 24 * MIN, (x) => x.loading !== null, 'loading')
    expect(s.loading).toEqual({ source: 'simulator', progress: 0.42 })
    expect(s.stale?.reason).toBe('history is still loading (42%, simulator)')
    const ready = (await app.inject('/readyz')).json<{ status: string; checks: { history: { ok: boolean; detail: string } } }>()
    expect(ready.status).toBe('not_ready')
    expect(ready.checks.history).toEqual({ ok: false, detail: 'still loading: 42% (simulator)' })
    pipeline.liveness.loading('simulator', null)
    const done = await at(START + 24 * MIN + 5000, (x) => x.loading === null, 'loaded')
    expect(done.stale).toBeNull()
  })
})
