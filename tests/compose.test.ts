// The deployment files. No Docker engine runs where these tests run, so the
// compose file is checked as far as it can be without one: against the
// Compose Specification's JSON schema (vendored in tests/support), for the
// services, profiles, health checks and dependencies a deployment relies on,
// and by Debian's docker-compose itself (`docker-compose config`). Its Kafka
// is the version the Kafka tests run; its PostgreSQL the major PGlite runs.
import { execFile } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { delimiter, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { Ajv } from 'ajv'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { KAFKA_VERSION } from './support/kafka-real/versions.ts'
import { openTempStore } from './support/temp-store.ts'

const ROOT = fileURLToPath(new URL('../', import.meta.url))
const COMPOSE_FILE = join(ROOT, 'docker-compose.yml')
const composeText = readFileSync(COMPOSE_FILE, 'utf8')

interface Service {
  image?: string
  init?: boolean
  build?: unknown
  command?: string[]
  profiles?: string[]
  restart?: string
  ports?: string[]
  volumes?: string[]
  environment?: Record<string, string>
  depends_on?: Record<string, { condition: string }>
  healthcheck?: { test: string[] }
}
// merge: the server's environment is the shared one (<<: *app-environment) and DATABASE_URL.
const compose = parse(composeText, { merge: true }) as { services: Record<string, Service>; volumes: Record<string, unknown> }
const { services } = compose

const dockerCompose = (process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, 'docker-compose')).find((p) => existsSync(p))

describe('docker-compose.yml', () => {
  it('is valid against the Compose Specification JSON schema', () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'tests/support/compose-spec.json'), 'utf8')) as Record<string, unknown>
    // The schema is draft-07; its $schema URI is spelled differently from ajv's
    // bundled draft-07 meta-schema, so the schema itself is not meta-validated.
    const validate = new Ajv({ strict: false, allErrors: true, validateSchema: false }).compile(schema)
    const valid = validate(compose)
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([])
    expect(valid).toBe(true)
    // The validator does catch mistakes: a misspelled key, a wrong condition.
    expect(validate({ services: { app: { imgae: 'x' } } })).toBe(false)
    expect(validate({ services: { app: { image: 'x', depends_on: { db: { condition: 'healthy' } } } } })).toBe(false)
  })

  it('runs Kafka in KRaft mode and ClickHouse from their official images, with volumes', () => {
    const kafka = services.kafka
    // The Kafka the over-the-wire tests ran against, not another.
    expect(kafka.image).toBe(`apache/kafka:${KAFKA_VERSION}`)
    expect(kafka.environment).toMatchObject({
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_NODE_ID: '1',
      KAFKA_CONTROLLER_QUORUM_VOTERS: '1@kafka:9093',
      KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
    })
    expect(kafka.environment?.KAFKA_ADVERTISED_LISTENERS).toContain('kafka:19092')
    expect(kafka.volumes).toContain('kafka-data:/var/lib/kafka/data')

    const clickhouse = services.clickhouse
    expect(clickhouse.image).toMatch(/^clickhouse\/clickhouse-server:\d/)
    expect(clickhouse.volumes).toContain('clickhouse-data:/var/lib/clickhouse')
    // Credentials come from the environment, with documented defaults.
    expect(clickhouse.environment?.CLICKHOUSE_USER).toMatch(/^\$\{CLICKHOUSE_USER:-\w+\}$/)
    expect(clickhouse.environment?.CLICKHOUSE_PASSWORD).toMatch(/^\$\{CLICKHOUSE_PASSWORD:-[^}]+\}$/)
    expect(clickhouse.environment?.CLICKHOUSE_DB).toMatch(/^\$\{CLICKHOUSE_DB:-\w+\}$/)
    expect(Object.keys(compose.volumes).sort()).toEqual(['clickhouse-data', 'ingest-journal', 'kafka-data', 'postgres-data'])
    // The ingest journal outlives a container, or a crash could not be repaired on restart.
    expect(services.ingest.volumes).toContain(`ingest-journal:${services.ingest.environment?.INGEST_JOURNAL_DIR}`)
  })

  it('runs PostgreSQL from its official image, the major PGlite runs, initialised as PGlite is, on a volume', async () => {
    const postgres = services.postgres
    const major = /^postgres:(\d+)$/.exec(postgres.image ?? '')?.[1]
    const embedded = await openTempStore({ migrate: false })
    try {
      const [{ version }] = await embedded.query<{ version: string }>("SELECT current_setting('server_version') AS version")
      expect(major, `PGlite runs PostgreSQL ${version}`).toBe(version.split('.')[0])
    } finally {
      await embedded.destroy()
    }
    // From 18 on the image's data lives in /var/lib/postgresql/<major>/docker: a volume at .../data would hold none of it.
    expect(postgres.volumes).toEqual(['postgres-data:/var/lib/postgresql'])
    expect(postgres.environment).toMatchObject({
      POSTGRES_DB: '${POSTGRES_DB:-command_center}',
      POSTGRES_USER: '${POSTGRES_USER:-command_center}',
      POSTGRES_PASSWORD: '${POSTGRES_PASSWORD:-change-me-postgres}',
    })
    expect(postgres.environment?.POSTGRES_INITDB_ARGS).toContain('--lc-collate=C ')
    expect(postgres.ports).toEqual(['127.0.0.1:5432:5432'])
    // The server alone gets the store, with the credentials the postgres service was made with.
    expect(services.server.environment?.DATABASE_URL).toBe(
      'postgres://${POSTGRES_USER:-command_center}:${POSTGRES_PASSWORD:-change-me-postgres}@postgres:5432/${POSTGRES_DB:-command_center}',
    )
    for (const name of ['ingest', 'simulator']) expect(services[name].environment?.DATABASE_URL, name).toBeUndefined()
  })

  it('runs ingest, server and (in the demo profile) the simulator from the app image', () => {
    expect(Object.keys(services).sort()).toEqual(['clickhouse', 'ingest', 'kafka', 'postgres', 'server', 'simulator'])
    // node itself, not npx: the stop signal must reach the app (see the compose file).
    expect(services.ingest.command).toEqual(['node', '--import', 'tsx', 'bin/ingest.ts'])
    expect(services.server.command).toEqual(['node', '--import', 'tsx', 'bin/server.ts'])
    expect(services.simulator.command).toEqual(['node', '--import', 'tsx', 'ingest/simulator/cli.ts', '--to', 'kafka'])
    expect(services.simulator.profiles).toEqual(['demo'])
    for (const name of ['kafka', 'clickhouse', 'postgres', 'ingest', 'server']) expect(services[name].profiles, name).toBeUndefined()
    for (const name of ['ingest', 'server', 'simulator']) {
      const entry = (services[name].command ?? [])[3]
      expect(existsSync(join(ROOT, entry)), `${name} runs ${entry}`).toBe(true)
      expect(services[name].init, name).toBe(true)
      expect(services[name].build).toBe('.')
      expect(services[name].environment).toMatchObject({ KAFKA_BROKERS: 'kafka:19092', CLICKHOUSE_URL: 'http://clickhouse:8123' })
    }
    expect(services.server.ports).toContain('${SERVER_PORT:-8080}:8080')
    expect(services.server.environment?.HOST).toBe('0.0.0.0')
  })

  it('has health checks, restart policies and start order on health', () => {
    const checks = Object.fromEntries(Object.entries(services).map(([name, s]) => [name, (s.healthcheck?.test ?? []).join(' ')]))
    expect(checks.kafka).toContain('kafka-broker-api-versions.sh')
    expect(checks.clickhouse).toContain('8123/ping')
    expect(checks.postgres).toContain('pg_isready -h 127.0.0.1')
    expect(checks.ingest).toContain('9464/healthz')
    expect(checks.server).toContain('8080/readyz')
    for (const [name, service] of Object.entries(services)) expect(service.restart, name).toBe('unless-stopped')
    for (const name of ['ingest', 'server']) {
      expect(services[name].depends_on?.kafka, name).toEqual({ condition: 'service_healthy' })
      expect(services[name].depends_on?.clickhouse, name).toEqual({ condition: 'service_healthy' })
    }
    expect(services.server.depends_on?.postgres).toEqual({ condition: 'service_healthy' })
    expect(services.simulator.depends_on?.ingest).toEqual({ condition: 'service_healthy' })
  })

  it('builds one app image from node:20-bookworm-slim with npm ci', () => {
    const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8')
    expect(dockerfile).toMatch(/^FROM node:20-bookworm-slim$/m)
    expect(dockerfile).toMatch(/^RUN npm ci\b/m)
    expect(readFileSync(join(ROOT, '.dockerignore'), 'utf8')).toMatch(/^node_modules$/m)
  })

  it.skipIf(dockerCompose === undefined)(
    `is accepted by \`docker-compose config\`${dockerCompose ? '' : ' (SKIPPED: docker-compose is not installed here; .ci/run installs Debian\'s docker-compose)'}`,
    async () => {
      const run = promisify(execFile)
      const env = { ...process.env, CLICKHOUSE_PASSWORD: 'from-the-environment', POSTGRES_PASSWORD: 'pg-from-the-environment' }
      await run(dockerCompose!, ['-f', COMPOSE_FILE, 'config', '-q'], { cwd: ROOT, env })
      const { stdout: withDemo } = await run(dockerCompose!, ['-f', COMPOSE_FILE, '--profile', 'demo', 'config', '--services'], { cwd: ROOT, env })
      expect(withDemo.split('\n').filter(Boolean).sort()).toEqual(['clickhouse', 'ingest', 'kafka', 'postgres', 'server', 'simulator'])
      // One secret from the environment reaches ClickHouse and every app service (ingest, server, simulator).
      const { stdout: resolved } = await run(dockerCompose!, ['-f', COMPOSE_FILE, 'config'], { cwd: ROOT, env })
      expect(resolved.match(/CLICKHOUSE_PASSWORD: from-the-environment/g)?.length).toBe(4)
      // The PostgreSQL one reaches the postgres service and the server's DATABASE_URL, nothing else.
      expect(resolved.match(/pg-from-the-environment/g)).toEqual(['pg-from-the-environment', 'pg-from-the-environment'])
      expect(resolved).toContain('POSTGRES_PASSWORD: pg-from-the-environment')
      expect(resolved).toContain('DATABASE_URL: postgres://command_center:pg-from-the-environment@postgres:5432/command_center')
    },
  )
})
