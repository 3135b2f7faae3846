// `npm run bench:alerts`: what alerting costs and how fast it speaks.
//  1. The rule engine's time per tick with 1,000 rules over the demo
//     territory (two in three judge every region: one alert per region),
//     against the same engine with the 22 rules of the default set's size
//     (the baseline, same run): p50, p95, worst, and the ratio. Real
//     embedded PostgreSQL store; made-up snapshots whose values wander, so
//     alerts fire, resolve and are written as in a real day.
//  2. From the tick that crosses a threshold to the first notification
//     accepted by a local DingTalk robot (a real HTTP server checking the
//     signature): p50 and p95 over one crossing per rule and region, with
//     group_wait 0 (the default route waits 10 s more, on purpose).
//  3. A storm: 504 alerts firing in one tick to a DingTalk robot, a WeCom
//     robot and a webhook; the messages each receives in the first minute,
//     and whether every alert is recorded (store) and told (attempts).
// Prints the load average with the figures: a loaded machine reads slower.
import { loadavg } from 'node:os'
import { createLogger } from '../../core/logger.ts'
import type { Receiver, Route, Rule } from '../../schemas/alerting-config.ts'
import { KPI_IDS, WINDOWS, type KpiId, type WindowId } from '../../schemas/kpis.ts'
import type { Snapshot } from '../../schemas/snapshot.ts'
import { loadTerritory } from '../../schemas/territory.ts'
import type { AlertingConfig, AlertingConfigSource } from '../../server/alerting/config/config-source.ts'
import { AlertEngine } from '../../server/alerting/engine/alert-engine.ts'
import { SilenceBook } from '../../server/alerting/engine/silences.ts'
import { PlaceNames } from '../../server/alerting/engine/wording.ts'
import { createNotifier } from '../../server/alerting/notify/channels/create-notifier.ts'
import { deskAlertUrl } from '../../server/alerting/notify/channels/process-deps.ts'
import { startNotificationPipeline } from '../../server/alerting/notify/start-pipeline.ts'
import { emptySnapshot } from '../../server/empty-snapshot.ts'
import { loadKpiDefinitions } from '../../server/kpi/kpi-config.ts'
import { DingtalkServer } from '../support/robots/dingtalk-server.ts'
import { WebhookServer } from '../support/robots/webhook-server.ts'
import { WecomServer } from '../support/robots/wecom-server.ts'
import { openTempStore, type TempStore } from '../support/temp-store.ts'

const territory = loadTerritory()
const definitions = loadKpiDefinitions(undefined)
const regionCodes = territory.regions.map((r) => r.code)
const logger = createLogger('bench-alerts', { level: 'silent', format: 'json' })
const TZ = 'Asia/Shanghai'
/** A fixed start (10:00 in Shanghai on a fixed date): nothing here depends on the hour it runs at. */
const START = Date.UTC(2026, 0, 5, 2, 0)
/** What every receiver shares, as the server gives it (links into the desk of http://localhost:8080). */
const channels = { territory, timeZone: TZ, alertUrl: (a: { id: string }) => deskAlertUrl('http://localhost:8080', a.id), externalUrl: 'http://localhost:8080' }
const TICK_MS = 1_000
const TICKS = 300
const WARMUP = 20

const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(2))
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** A seeded generator (mulberry32): the same rules and values every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

const REGIONAL_KPIS = KPI_IDS.filter((id) => definitions[id].breakdowns.includes('region'))

/** `count` kpi rules over the regional KPIs and the three windows; two in three per region (all, when `everyRegion`). Values run 0..1: above 0.97 fires, below 0.9 clears. */
function makeRules(count: number, prefix = 'bench', everyRegion = false): Rule[] {
  return Array.from({ length: count }, (_, i): Rule => ({
    id: `${prefix}-${i}`,
    name: `基准规则 ${i}`,
    kind: 'kpi',
    severity: i % 5 === 0 ? 'critical' : 'warning',
    kpi: REGIONAL_KPIS[i % REGIONAL_KPIS.length],
    window: WINDOWS[Math.floor(i / REGIONAL_KPIS.length) % WINDOWS.length],
    ...(i % 3 === 0 && !everyRegion ? {} : { scope: { region: '*' } }),
    op: 'above',
    fire: 0.97,
    clear: 0.9,
    for: '0s',
    keep_firing_for: '0s',
    min_volume: 1,
  }))
}

class BenchConfig implements AlertingConfigSource {
  private readonly listeners: Array<(c: AlertingConfig) => void> = []
  constructor(private config: AlertingConfig) {}
  current(): AlertingConfig {
    return this.config
  }
  onChange(listener: (c: AlertingConfig) => void): void {
    this.listeners.push(listener)
  }
}

const configOf = (rules: Rule[], receivers: Receiver[] = [], routes: Route[] = []): AlertingConfig => ({ rules, receivers, routes, escalation: null, roster: null, origin: 'bench' })

async function openEngine(store: TempStore, config: AlertingConfigSource, clock: { at: number }): Promise<AlertEngine> {
  const engine = new AlertEngine({
    store,
    config,
    context: { regionCodes, places: new PlaceNames(territory), definitions },
    sources: { entities: () => ({ workorders: [], outages: [] }), supervisions: () => [], displays: () => [], deadLettersPerMinute: () => null },
    silences: new SilenceBook(store),
    now: () => new Date(clock.at),
    logger,
    transitions: null,
  })
  await engine.start()
  return engine
}

/** A territory snapshot whose every regional KPI cell reads `value(window, kpi, region)` (region '' for the total). */
function snapshotAt(at: number, value: (w: WindowId, kpi: KpiId, region: string) => number): Snapshot {
  const s = emptySnapshot({ region: null, build: 'bench', now: new Date(at), definitions, staleAfterMs: 60_000 })
  for (const w of WINDOWS) {
    for (const kpi of REGIONAL_KPIS) {
      s.windows[w][kpi] = { ...s.windows[w][kpi], value: value(w, kpi, ''), volume: 100 }
      for (const code of regionCodes) (s.breakdowns[w].region[code] ??= {})[kpi] = { value: value(w, kpi, code), volume: 100, status: 'none' }
    }
  }
  return s
}

const input = (at: number, territorySnapshot: Snapshot) => ({ at: new Date(at), territory: territorySnapshot, regions: new Map<string, Snapshot>(), complete: true })

interface EngineCost {
  p50: number
  p95: number
  worst: number
  judgeP95: number
  writeP95: number
  open: number
  scopes: number
}

async function engineCost(ruleCount: number): Promise<EngineCost> {
  const store = await openTempStore()
  try {
    const clock = { at: START }
    const engine = await openEngine(store, new BenchConfig(configOf(makeRules(ruleCount))), clock)
    const random = seeded(ruleCount)
    const base = new Map<string, number>()
    const cell = (w: WindowId, kpi: KpiId, region: string) => {
      const key = `${w}|${kpi}|${region}`
      let v = base.get(key)
      if (v === undefined) base.set(key, (v = random()))
      // A small wander each tick: cells near the thresholds cross them now and then.
      const next = Math.min(1, Math.max(0, v + (random() - 0.5) * 0.04))
      base.set(key, next)
      return next
    }
    const times: number[] = []
    const judging: number[] = []
    const writing: number[] = []
    for (let i = 0; i < TICKS + WARMUP; i++) {
      clock.at += TICK_MS
      const snap = snapshotAt(clock.at, cell)
      const started = performance.now()
      await engine.evaluate(input(clock.at, snap))
      if (i < WARMUP) continue
      times.push(performance.now() - started)
      judging.push(engine.lastTick.judgeMs)
      writing.push(engine.lastTick.writeMs)
    }
    const rules = makeRules(ruleCount)
    const scopes = rules.reduce((n, r) => n + (r.kind === 'kpi' && r.scope ? regionCodes.length : 1), 0)
    return {
      p50: quantile(times, 0.5),
      p95: quantile(times, 0.95),
      worst: Math.max(...times),
      judgeP95: quantile(judging, 0.95),
      writeP95: quantile(writing, 0.95),
      open: engine.current().filter((a) => a.state === 'firing').length,
      scopes,
    }
  } finally {
    await store.destroy()
  }
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const until = performance.now() + timeoutMs
  while (!check()) {
    if (performance.now() > until) return false
    await sleep(1)
  }
  return true
}

async function crossingToMessage(): Promise<{ p50: number; p95: number; samples: number; missed: number }> {
  const store = await openTempStore()
  const robot = await new DingtalkServer('bench-token', 'SECbench').start()
  try {
    const clock = { at: Date.now() }
    const rules = makeRules(2, 'cross', true)
    const receivers: Receiver[] = [{ id: 'ding', type: 'dingtalk_robot', url: `${robot.url}/robot/send?access_token=bench-token`, secret: 'SECbench' }]
    const routes: Route[] = [{ match: {}, receivers: ['ding'], group_by: ['rule', 'region'], group_wait: '0s', group_interval: '1m', repeat_interval: '2h' }]
    const config = new BenchConfig(configOf(rules, receivers, routes))
    // Real time here: the pipeline's timers and the robot's signature clock are the machine's.
    const now = () => new Date((clock.at = Date.now()))
    const engine = await openEngine(store, config, clock)
    const pipeline = await startNotificationPipeline({
      store,
      feed: engine,
      config,
      createNotifier: (r) => createNotifier(r, channels),
      now,
      timeZone: TZ,
      publicUrl: undefined,
      logger,
    })
    const hot = new Set<string>()
    const value = (w: WindowId, kpi: KpiId, region: string) => (hot.has(`${w}|${kpi}|${region}`) ? 0.99 : 0.5)
    const times: number[] = []
    let missed = 0
    try {
      await engine.evaluate(input(now().getTime(), snapshotAt(clock.at, value)))
      // 18 crossings: within the robot's 20 messages a minute, beyond which the rest wait for a digest.
      for (const rule of rules) {
        if (rule.kind !== 'kpi') continue
        for (const code of regionCodes.slice(0, 9)) {
          hot.add(`${rule.window}|${rule.kpi}|${code}`)
          const before = robot.requests.length
          const started = performance.now()
          await engine.evaluate(input(now().getTime(), snapshotAt(clock.at, value)))
          if (await waitFor(() => robot.requests.length > before, 5_000)) times.push(performance.now() - started)
          else missed += 1
          await sleep(20)
        }
      }
    } finally {
      await pipeline.stop()
    }
    return { p50: quantile(times, 0.5), p95: quantile(times, 0.95), samples: times.length, missed }
  } finally {
    await robot.close()
    await store.destroy()
  }
}

async function storm(): Promise<{ alerts: number; recorded: number; messages: Record<string, number>; told: Record<string, number> }> {
  const store = await openTempStore()
  const ding = await new DingtalkServer('storm-token', 'SECstorm').start()
  const wecom = await new WecomServer({ robotKey: 'storm-key', corpId: 'c', secret: 's', agentId: 1, users: [] }).start()
  const hook = await new WebhookServer().start()
  try {
    const clock = { at: Date.now() }
    // 42 rules over the 12 regions: 504 alerts, all firing in the same tick.
    const rules = makeRules(42, 'storm', true)
    const receivers: Receiver[] = [
      { id: 'ding', type: 'dingtalk_robot', url: `${ding.url}/robot/send?access_token=storm-token`, secret: 'SECstorm' },
      { id: 'wecom', type: 'wecom_robot', url: `${wecom.url}/cgi-bin/webhook/send?key=storm-key` },
      { id: 'hook', type: 'webhook', url: `${hook.url}/alerts` },
    ]
    // The default route timing (group by rule, 10 s, 1 min, 2 h).
    const routes: Route[] = [{ match: {}, receivers: ['ding', 'wecom', 'hook'] }]
    const config = new BenchConfig(configOf(rules, receivers, routes))
    const now = () => new Date((clock.at = Date.now()))
    const engine = await openEngine(store, config, clock)
    const pipeline = await startNotificationPipeline({ store, feed: engine, config, createNotifier: (r) => createNotifier(r, channels), now, timeZone: TZ, publicUrl: undefined, logger })
    try {
      await engine.evaluate(input(now().getTime(), snapshotAt(clock.at, () => 0.99)))
      await sleep(60_000)
    } finally {
      await pipeline.stop()
    }
    const [{ n: recorded }] = await store.query<{ n: number }>("SELECT count(*)::int AS n FROM alerts WHERE state = 'firing'")
    const toldRows = await store.query<{ receiver_id: string; n: number }>(
      "SELECT receiver_id, count(DISTINCT a)::int AS n FROM notification_attempts, unnest(alert_ids) AS a WHERE outcome = 'sent' GROUP BY receiver_id",
    )
    const messages = { dingtalk_robot: ding.requests.length, wecom_robot: wecom.robotRequests.length, webhook: hook.requests.length }
    return { alerts: engine.current().length, recorded, messages, told: Object.fromEntries(toldRows.map((r) => [r.receiver_id, r.n])) }
  } finally {
    await Promise.all([ding.close(), wecom.close(), hook.close()])
    await store.destroy()
  }
}

const load = () => loadavg().map((l) => l.toFixed(2)).join(' ')
console.log(`load average before: ${load()}`)

const baseline = await engineCost(22)
const full = await engineCost(1000)
console.log(`engine per tick, 22 rules (baseline, ${baseline.scopes} scopes): p50 ${fmt(baseline.p50)} ms, p95 ${fmt(baseline.p95)} ms, worst ${fmt(baseline.worst)} ms`)
console.log(
  `engine per tick, 1000 rules (${full.scopes} scopes, ${full.open} firing at the end): p50 ${fmt(full.p50)} ms, p95 ${fmt(full.p95)} ms, worst ${fmt(full.worst)} ms; ` +
    `p95 ratio to the baseline ${(full.p95 / baseline.p95).toFixed(2)} (goal: p95 ≤ 10 ms)`,
)
console.log(
  `  of which judging in memory p95 ${fmt(full.judgeP95)} ms (baseline ${fmt(baseline.judgeP95)}), writing the changes to the store p95 ${fmt(full.writeP95)} ms (baseline ${fmt(baseline.writeP95)}; ` +
    'embedded PGlite runs on the server\'s own thread, a PostgreSQL server does not)',
)

const crossing = await crossingToMessage()
console.log(
  `threshold crossed → DingTalk robot accepted the message (group_wait 0): p50 ${fmt(crossing.p50)} ms, p95 ${fmt(crossing.p95)} ms over ${crossing.samples} crossings` +
    `${crossing.missed ? `, ${crossing.missed} not delivered within 5 s` : ''} (goal: p95 ≤ 1 s plus the group wait)`,
)

const stormed = await storm()
console.log(
  `storm: ${stormed.alerts} alerts firing in one tick, ${stormed.recorded} recorded in the store; messages in the first minute: ` +
    Object.entries(stormed.messages).map(([k, n]) => `${k} ${n}`).join(', ') +
    `; alerts told by a sent message: ` + Object.entries(stormed.told).map(([k, n]) => `${k} ${n}`).join(', '),
)
console.log(`load average after: ${load()}`)
