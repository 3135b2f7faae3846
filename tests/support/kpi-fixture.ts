// Test support for the KPI engine: a small territory whose customer counts
// make hand arithmetic easy, an event builder, and a fresh embedded
// ClickHouse fed through the real ingest pipeline (decode, dedupe, entity
// enrichment, rollup views) with its clock set to the fixture's `now`.
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Territory } from '../../schemas/territory.ts'
import { DEFAULT_SLA_RULES } from '../../schemas/sla.ts'
import { loadIngestConfig } from '../../ingest/config.ts'
import { IngestPipeline, type PipelineLogger } from '../../ingest/pipeline.ts'
import { openStorage, type Storage } from '../../core/storage/clickhouse.ts'
import { migrate } from '../../core/storage/migrate.ts'

/** Two regions: N with 200,000 customers and S with 50,000 (250,000 in all). */
export const FIXTURE_TERRITORY: Territory = {
  name_zh: '测试供电服务中心',
  name_en: 'Fixture Service Center',
  time_zone: 'Asia/Shanghai',
  regions: [
    { code: 'N', name_zh: '北区', name_en: 'North', customers: 200_000, area_class: 'urban' },
    { code: 'S', name_zh: '南区', name_en: 'South', customers: 50_000, area_class: 'rural' },
  ],
  queues: [
    { code: 'fault', name_zh: '故障报修', name_en: 'Fault reports' },
    { code: 'consult', name_zh: '咨询查询', name_en: 'Enquiries' },
  ],
  teams: [
    { code: 'cc-a', name_zh: '话务一班', name_en: 'Call team A', kind: 'agents' },
    { code: 'cc-b', name_zh: '话务二班', name_en: 'Call team B', kind: 'agents' },
    { code: 'field', name_zh: '抢修队', name_en: 'Repair crew', kind: 'field' },
  ],
  geojson: { type: 'FeatureCollection', features: [] },
}

export type FixtureEvent = Record<string, unknown> & { event_id: string; type: string; occurred_at: string }

/** A wire event: envelope (fresh event_id, source 'fixture') plus the type's fields. */
export function event(type: string, at: number, region: string, fields: Record<string, unknown> = {}): FixtureEvent {
  return {
    event_id: randomUUID(),
    type,
    occurred_at: new Date(at).toISOString(),
    source: 'fixture',
    region,
    schema_version: 1,
    ...fields,
  }
}

const quiet: PipelineLogger = { info: () => {}, warn: () => {}, error: () => {} }

export interface FixtureStore {
  storage: Storage
  pipeline: IngestPipeline
  /** Submits one batch, fails if any event is rejected, and waits until it is stored. */
  ingest(events: FixtureEvent[]): Promise<void>
  close(): Promise<void>
}

/** A fresh data directory with the schema applied and a pipeline whose clock reads `now`. */
export async function openFixtureStore(now: number): Promise<FixtureStore> {
  const dir = mkdtempSync(join(tmpdir(), 'cc-kpi-'))
  const storage = await openStorage({ mode: 'embedded', dataDir: dir, rawTtlDays: 90 })
  await migrate(storage.client)
  const config = { ...loadIngestConfig({}), batchMs: 20, maxPastSkewMs: 32 * 86_400_000 }
  const pipeline = new IngestPipeline({ client: storage.client, config, slaRules: DEFAULT_SLA_RULES, logger: quiet, now: () => now })
  return {
    storage,
    pipeline,
    async ingest(events) {
      const submission = await pipeline.submit(events.map((input) => ({ input, source: 'fixture' })))
      const rejected = submission.results.filter((r) => !r.ok)
      if (rejected.length > 0) throw new Error(`fixture events rejected: ${JSON.stringify(rejected)}`)
      await pipeline.flush()
      await submission.durable
    },
    async close() {
      await pipeline.stop()
      await storage.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
