// Shared pieces of the Kafka path's tests: a fresh embedded ClickHouse per
// test file, simulator events as JSON lines, publishing them through the
// Kafka publisher, and the counts the tests compare with what was produced.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ClickHouseClient } from '@clickhouse/client'
import { loadIngestConfig, type IngestConfig } from '../../ingest/config.ts'
import type { KafkaConfig } from '../../core/kafka/kafka-config.ts'
import type { KafkaPublisher } from '../../core/kafka/publisher.ts'
import { loadDecodeLimits, type LogLevel } from '../../core/config.ts'
import { createLogger, type Logger } from '../../core/logger.ts'
import { IngestPipeline } from '../../ingest/pipeline.ts'
import { backfill, createSimulator } from '../../ingest/simulator/simulator.ts'
import { HOUR, LocalClock, MINUTE } from '../../ingest/simulator/clock.ts'
import { openStorage, type Storage } from '../../core/storage/clickhouse.ts'
import { migrate } from '../../core/storage/migrate.ts'
import { DEFAULT_SLA_RULES } from '../../schemas/sla.ts'
import { loadTerritory } from '../../schemas/territory.ts'

export const quietLogger = (name: string): Logger => createLogger(name, { level: (process.env.TEST_LOG_LEVEL as LogLevel | undefined) ?? 'silent', format: 'json' })

/** The intake limits of a default configuration, for publishers made in tests. */
export const TEST_LIMITS = loadDecodeLimits({})

export function freshDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'cc-'))
}

export async function openTestStorage(dataDir: string): Promise<Storage> {
  const storage = await openStorage({ mode: 'embedded', dataDir, rawTtlDays: 90 })
  await migrate(storage.client)
  return storage
}

/** Small batches and short backoff, so tests see several batches and quick retries. */
export function testIngestConfig(overrides: Partial<IngestConfig> = {}): IngestConfig {
  return { ...loadIngestConfig({}), batchRows: 2000, batchMs: 100, retryDelayMs: 100, maxRetryDelayMs: 500, ...overrides }
}

export function testPipeline(client: ClickHouseClient, name: string, config: IngestConfig = testIngestConfig()): IngestPipeline {
  return new IngestPipeline({ client, config, slaRules: DEFAULT_SLA_RULES, logger: quietLogger(name) })
}

/** `brokers`: a comma-separated host:port list, as KAFKA_BROKERS. */
export function testKafkaConfig(brokers: string, overrides: Partial<KafkaConfig> = {}): KafkaConfig {
  return { brokers: brokers.split(','), clientId: 'cc-test', groupId: 'cc-test-ingest', topicPrefix: '', dlqTopic: null, ssl: false, sasl: null, ...overrides }
}

/** Group timings that make joins and rebalances take seconds, not minutes. */
export const FAST_GROUP = {
  sessionTimeoutMs: 6000,
  heartbeatIntervalMs: 500,
  rebalanceTimeoutMs: 6000,
  topicPartitions: 3,
  topicReplicationFactor: -1,
}

/**
 * 10:00 local time on the latest Wednesday from which `minutes` of simulated
 * operation end two minutes before `now` at the latest: the hotline's busy
 * morning, whatever the hour the tests run at (at night it gets a tenth of
 * the calls), and at most a week and a day back, well within the accepted
 * past skew (MAX_PAST_SKEW_DAYS, 30).
 */
function busyMorningBefore(now: number, minutes: number, timeZone: string): Date {
  const clock = new LocalClock(timeZone, now)
  for (let day = clock.day(now); ; day -= 1) {
    const start = clock.dayStart(day) + 10 * HOUR
    if (clock.weekday(start) === 3 && start + (minutes + 2) * MINUTE <= now) return new Date(start)
  }
}

/** `minutes` of simulated operation of a busy weekday morning (busyMorningBefore), as JSON lines. */
export async function simulatorLines(opts: { seed: number; minutes: number; callVolume?: number }): Promise<string[]> {
  const territory = loadTerritory()
  const start = busyMorningBefore(Date.now(), opts.minutes, territory.time_zone ?? 'Asia/Shanghai')
  const sim = createSimulator({ territory, seed: opts.seed, start, callVolume: opts.callVolume ?? 1 })
  const lines: string[] = []
  await backfill(sim, new Date(start.getTime() + opts.minutes * MINUTE), async (chunk) => {
    lines.push(...chunk)
  })
  return lines
}

/** Publishes lines in chunks, as the simulator's `--to kafka` does; resolves once Kafka acknowledged all. */
export async function publishLines(publisher: KafkaPublisher, lines: string[], chunk = 1000): Promise<void> {
  for (let i = 0; i < lines.length; i += chunk) {
    const submission = await publisher.submit(lines.slice(i, i + chunk).map((input) => ({ input, source: 'simulator' })))
    const refused = submission.results.filter((r) => !r.ok)
    if (refused.length > 0) throw new Error(`the publisher refused ${refused.length} simulator lines: ${JSON.stringify(refused[0])}`)
    await submission.durable
  }
}

export function countByType(lines: string[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const line of lines) {
    const type = (JSON.parse(line) as { type: string }).type
    counts[type] = (counts[type] ?? 0) + 1
  }
  return counts
}

async function rows<T>(client: ClickHouseClient, query: string): Promise<T[]> {
  const result = await client.query({ query, format: 'JSONEachRow' })
  return result.json<T>()
}

export interface StoredCounts {
  total: number
  distinct: number
  byType: Record<string, number>
}

export async function storedCounts(client: ClickHouseClient): Promise<StoredCounts> {
  const [totals] = await rows<{ total: string; distinct: string }>(client, 'SELECT count() AS total, uniqExact(event_id) AS distinct FROM events')
  const byType: Record<string, number> = {}
  for (const row of await rows<{ type: string; n: string }>(client, 'SELECT type, count() AS n FROM events GROUP BY type')) {
    byType[row.type] = Number(row.n)
  }
  return { total: Number(totals.total), distinct: Number(totals.distinct), byType }
}

/**
 * The KPI rollups' sums beside the counts of the events they roll up: a
 * duplicate insert would make a rollup exceed the events it counts.
 */
export async function rollupsAgainstEvents(client: ClickHouseClient): Promise<{ rollups: Record<string, number>; events: Record<string, number> }> {
  const [calls] = await rows<Record<string, string>>(client, `
    SELECT sum(offered) AS offered, sum(ivr_completed) AS ivr_completed, sum(answered) AS answered,
           sum(abandoned) AS abandoned, sum(ended) AS ended, sum(surveys) AS surveys
    FROM kpi_calls_1m`)
  const [orders] = await rows<Record<string, string>>(client, 'SELECT sum(created) AS created, sum(escalated) AS escalated FROM kpi_workorders_1m')
  const [events] = await rows<Record<string, string>>(client, `
    SELECT countIf(type = 'call.offered') AS offered, countIf(type = 'call.ivr_completed') AS ivr_completed,
           countIf(type = 'call.answered') AS answered, countIf(type = 'call.abandoned') AS abandoned,
           countIf(type = 'call.ended') AS ended, countIf(type = 'survey.result') AS surveys,
           countIf(type = 'workorder.created') AS created, countIf(type = 'workorder.escalated') AS escalated
    FROM events`)
  const num = (o: Record<string, string>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Number(v)]))
  return { rollups: { ...num(calls), ...num(orders) }, events: num(events) }
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 60_000, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let last: unknown
  for (;;) {
    try {
      const value = await probe()
      if (value !== undefined && value !== false) return value
    } catch (err) {
      last = err
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`)
    await new Promise((resolve) => setTimeout(resolve, everyMs))
  }
}
