// Event intake over HTTP (NDJSON and JSON arrays, answered per event, the
// refused ones dead-lettered, oversized bodies refused), the KPIs the posted
// events move, the probes and metrics, and the static dashboard.
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMetricsRegistry, gaugeOf } from '../core/metrics/registry.ts'
import type { Snapshot } from '../schemas/snapshot.ts'
import { buildApp } from '../server/app.ts'
import { capturingLogger, eventually, openTestApp, territory, testConfig, testPipeline, type TestApp } from './server-harness.ts'
import { signedIn, withToken } from './support/access.ts'
import { sampleEvent } from './support/sample-events.ts'
import { queryRows } from './support/temp-storage.ts'

let t: TestApp

interface Intake {
  accepted: number
  rejected: number
  results: Array<{ index: number; status: string; event_id?: string; code?: string; reason?: string }>
}

const post = (payload: string, contentType: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/events', payload, headers: { ...t.program.headers, 'content-type': contentType } })

beforeAll(async () => {
  t = await openTestApp()
})
afterAll(async () => {
  await t.close()
})

describe('POST /api/v1/events', () => {
  it('answers a JSON array per event: accepted with its id, rejected with the reason', async () => {
    const good = sampleEvent('call.offered', Date.now(), { call_id: 'J-1' })
    const bad = { ...sampleEvent('call.answered', Date.now()), wait_ms: -5 }
    const res = await post(JSON.stringify([good, bad, 'not an event', { type: 'call.teleported' }]), 'application/json')
    expect(res.statusCode).toBe(200)
    const body = res.json<Intake>()
    expect(body).toMatchObject({ accepted: 1, rejected: 3 })
    expect(body.results[0]).toEqual({ index: 0, status: 'accepted', event_id: good.event_id })
    expect(body.results[1]).toMatchObject({ index: 1, status: 'rejected', code: 'invalid' })
    expect(body.results[1].reason).toContain('wait_ms')
    expect(body.results[2]).toMatchObject({ index: 2, status: 'rejected', code: 'not_object' })
    expect(body.results[3]).toMatchObject({ index: 3, status: 'rejected', code: 'unknown_type' })
  })

  it('reads NDJSON line by line, skipping blank lines', async () => {
    const lines = [JSON.stringify(sampleEvent('call.offered', Date.now(), { call_id: 'N-1' })), '', '{"type": broken', JSON.stringify(sampleEvent('call.offered', Date.now(), { call_id: 'N-2' }))]
    const res = await post(lines.join('\r\n') + '\n', 'application/x-ndjson')
    expect(res.statusCode).toBe(200)
    const body = res.json<Intake>()
    expect(body).toMatchObject({ accepted: 2, rejected: 1 })
    expect(body.results.map((r) => r.status)).toEqual(['accepted', 'rejected', 'accepted'])
    expect(body.results[1].code).toBe('not_json')
  })

  it('keeps the rejected events as dead letters', async () => {
    await t.pipeline.flush()
    const rows = await queryRows<{ reason_code: string; source: string }>(t.storage, 'SELECT reason_code, source FROM dead_letters ORDER BY reason_code')
    expect(rows.map((r) => r.reason_code)).toEqual(['invalid', 'not_json', 'not_object', 'unknown_type'])
    expect(rows.every((r) => r.source === 'http')).toBe(true)
  })

  it('refuses an empty body, an unknown content type and a body that is no event list', async () => {
    const empty = await post('[]', 'application/json')
    expect(empty.statusCode).toBe(400)
    expect(empty.json()).toMatchObject({ statusCode: 400, code: 'bad_request' })
    const blank = await post('\n\n', 'application/x-ndjson')
    expect(blank.statusCode).toBe(400)
    expect(blank.json()).toMatchObject({ code: 'no_events' })
    const text = await post('hello', 'text/plain')
    expect(text.statusCode).toBe(415)
    expect(text.json()).toMatchObject({ statusCode: 415, code: 'unsupported_media_type' })
    const broken = await post('[{"type":', 'application/json')
    expect(broken.statusCode).toBe(400)
    expect(broken.json<{ code: string }>().code).toBe('bad_request')
  })

  it('refuses a body over MAX_BODY_BYTES with a 413 JSON error', async () => {
    const small = await buildApp({ storage: t.storage, store: t.store, config: testConfig({ MAX_BODY_BYTES: '2048' }), territory, sink: t.pipeline })
    try {
      const producer = await withToken(small, ['events:write'])
      const events = Array.from({ length: 20 }, (_, i) => sampleEvent('call.offered', Date.now(), { call_id: `BIG-${i}` }))
      for (const [payload, type] of [
        [JSON.stringify(events), 'application/json'],
        [events.map((e) => JSON.stringify(e)).join('\n'), 'application/x-ndjson'],
      ]) {
        const res = await small.inject({ method: 'POST', url: '/api/v1/events', payload, headers: { ...producer.headers, 'content-type': type } })
        expect(res.statusCode, type).toBe(413)
        expect(res.json()).toMatchObject({ statusCode: 413, code: 'body_too_large' })
        expect(res.json<{ message: string }>().message).toContain('2048')
      }
    } finally {
      await small.close()
    }
  })

  it('answers 503 when the sink cannot take events, so the caller retries', async () => {
    const stopped = testPipeline(t.storage)
    await stopped.stop()
    const app = await buildApp({ storage: t.storage, store: t.store, config: testConfig(), territory, sink: stopped })
    try {
      const producer = await withToken(app, ['events:write'])
      const res = await app.inject({ method: 'POST', url: '/api/v1/events', payload: [sampleEvent('call.offered')], headers: producer.headers })
      expect(res.statusCode).toBe(503)
      expect(res.json()).toMatchObject({ statusCode: 503, code: 'unavailable' })
      expect(res.json<{ message: string }>().message).toContain('retry later')
    } finally {
      await app.close()
    }
  })

  it('moves the KPIs the events count in, after the flush and a tick', async () => {
    const before = (await t.app.inject({ url: '/api/v1/snapshot', headers: t.program.headers })).json<Snapshot>().windows['15m'].calls_offered.value ?? 0
    const calls = Array.from({ length: 7 }, (_, i) => sampleEvent('call.offered', Date.now() - 1000, { call_id: `K-${i}`, region: 'D09' }))
    const res = await post(calls.map((e) => JSON.stringify(e)).join('\n'), 'application/x-ndjson')
    expect(res.json<Intake>().accepted).toBe(7)
    await eventually(
      async () => (await t.app.inject({ url: '/api/v1/snapshot', headers: t.program.headers })).json<Snapshot>().windows['15m'].calls_offered.value === before + 7,
      10_000,
      'calls_offered to grow by 7',
    )
  })
})

describe('probes and metrics', () => {
  it('answers /healthz and /readyz', async () => {
    expect((await t.app.inject('/healthz')).json()).toEqual({ status: 'ok' })
    await eventually(async () => (await t.app.inject('/readyz')).statusCode === 200, 5000, 'ready')
    const ready = (await t.app.inject('/readyz')).json<{ status: string; checks: Record<string, { ok: boolean; detail: string }> }>()
    expect(ready.status).toBe('ready')
    expect(ready.checks.migrations.detail).toMatch(/^(\d+) of \1 applied$/)
    expect(ready.checks.clickhouse.ok && ready.checks.tick.ok).toBe(true)
  })

  it('is not ready while ticks fail, and says which check fails', async () => {
    await t.app.ticks.stop()
    try {
      await eventually(async () => (await t.app.inject('/readyz')).statusCode === 503, 5000, 'not ready')
      const body = (await t.app.inject('/readyz')).json<{ status: string; checks: Record<string, { ok: boolean; detail: string }> }>()
      expect(body.status).toBe('not_ready')
      expect(body.checks.tick.ok).toBe(false)
      expect(body.checks.tick.detail).toContain('3 ×')
      expect(body.checks.clickhouse.ok).toBe(true)
    } finally {
      t.app.ticks.start()
    }
  })

  it('exposes Prometheus metrics', async () => {
    const res = await t.app.inject({ url: '/metrics', headers: t.program.headers })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toContain('text/plain')
    const text = res.body
    expect(text).toMatch(/^cc_kpi_tick_duration_seconds_count [1-9]\d*$/m)
    expect(text).toMatch(/^cc_kpi_ticks_failed_total 0$/m)
    expect(text).toMatch(/^cc_socket_clients 0$/m)
    expect(text).toMatch(/^cc_http_events_accepted_total 10$/m)
    expect(text).toMatch(/^cc_http_events_rejected_total\{reason="not_json"\} 1$/m)
    expect(text).toMatch(/^cc_ingest_events_accepted_total 10$/m)
    expect(text).toMatch(/^cc_ingest_dead_letters_total\{reason="invalid"\} 1$/m)
    expect(text).toMatch(/^cc_ingest_batch_latency_seconds_count [1-9]\d*$/m)
  })

  it('has the process metrics operators expect, and passes promtool check metrics', async () => {
    const text = (await t.app.inject({ url: '/metrics', headers: t.program.headers })).body
    for (const name of ['process_cpu_seconds_total', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_seconds', 'nodejs_gc_duration_seconds_count', 'nodejs_heap_size_used_bytes']) {
      expect(text).toMatch(new RegExp(`^${name}(\\{[^}]*\\})? `, 'm'))
    }
    // Debian's prometheus package (installed by .ci/run) ships promtool.
    const check = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' })
    expect(check.error).toBeUndefined()
    expect(`${check.stdout}${check.stderr}`.trim()).toBe('')
    expect(check.status).toBe(0)
  })

  it('renders the registry it is given, with what other components of the process registered', async () => {
    const metrics = createMetricsRegistry({ processMetrics: false })
    gaugeOf(metrics, { name: 'cc_kafka_consumer_lag', help: 'lag', labelNames: ['partition'] }, () => [[{ partition: '0' }, 12]])
    const app = await buildApp({ storage: t.storage, store: t.store, config: testConfig(), territory, sink: t.pipeline, metrics })
    try {
      const scraper = await withToken(app, ['metrics:read'])
      expect((await app.inject({ url: '/metrics', headers: scraper.headers })).body).toMatch(/^cc_kafka_consumer_lag\{partition="0"\} 12$/m)
    } finally {
      await app.close()
    }
  })
})

describe('request logs', () => {
  it('log every request at debug only, a refused one at warn, with no secret', async () => {
    const log = capturingLogger()
    const app = await buildApp({ storage: t.storage, store: t.store, config: testConfig(), territory, sink: t.pipeline, logger: log.logger })
    try {
      const reader = await withToken(app, ['read'])
      await app.inject('/healthz')
      await app.inject({ url: '/api/v1/snapshot', headers: reader.headers })
      await app.inject({ url: '/api/v1/workorders?limit=0', headers: { authorization: 'Bearer not-a-real-secret' } })
      const lines = log.lines.filter((l) => l.msg.startsWith('request'))
      // Heartbeats and snapshot reads make no line at info; the refused one makes one, without its credentials.
      expect(lines.map((l) => [l.level, l.msg])).toEqual([[40, 'request refused']])
      expect(JSON.stringify(log.lines)).not.toContain('not-a-real-secret')
    } finally {
      await app.close()
    }
  })
})

describe('the static dashboard', () => {
  it('says to run the build when there is none', async () => {
    for (const url of ['/wall', '/login', '/setup']) {
      const res = await t.app.inject(url)
      expect(res.statusCode, url).toBe(503)
      expect(res.headers['content-type']).toContain('text/html')
      expect(res.body).toContain('npm run build')
    }
  })

  it('sends a visitor without a session from the pages of people to the sign-in page, and back after', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'cc-dist-'))
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>wall</title><div id="root"></div>')
    const app = await buildApp({ storage: t.storage, store: t.store, config: testConfig({ DASHBOARD_DIST: dist }), territory, sink: t.pipeline })
    try {
      for (const url of ['/', '/desk', '/lead/alerts?x=1', '/admin/users']) {
        const res = await app.inject(url)
        expect(res.statusCode, url).toBe(302)
        expect(res.headers.location).toBe(`/login?next=${encodeURIComponent(url)}`)
      }
      expect((await app.inject('/wall')).statusCode).toBe(200)
    } finally {
      await app.close()
    }
  })

  it('serves the build, the app pages as index.html, and stamps snapshots with its build id', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'cc-dist-'))
    mkdirSync(join(dist, 'assets'))
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>wall</title><div id="root"></div>')
    writeFileSync(join(dist, 'assets', 'app-1234.js'), 'console.log("wall")')
    writeFileSync(join(dist, 'build.json'), JSON.stringify({ build: 'b-42' }))
    const app = await buildApp({ storage: t.storage, store: t.store, config: testConfig({ DASHBOARD_DIST: dist }), territory, sink: t.pipeline })
    try {
      const viewer = await signedIn(app, 'viewer')
      for (const url of ['/wall', '/login', '/setup', '/', '/desk', '/lead', '/desk/workorders/W-1']) {
        const res = await app.inject({ url, headers: viewer.headers })
        expect(res.statusCode, url).toBe(200)
        expect(res.body).toContain('<div id="root">')
        expect(res.headers['cache-control']).toBe('no-cache')
      }
      const asset = await app.inject('/assets/app-1234.js')
      expect(asset.statusCode).toBe(200)
      expect(asset.headers['cache-control']).toContain('immutable')
      expect((await app.inject('/assets/missing.js')).statusCode).toBe(404)
      expect((await app.inject({ url: '/api/v1/snapshot', headers: viewer.headers })).json<Snapshot>().build).toBe('b-42')
    } finally {
      await app.close()
    }
  })
})
