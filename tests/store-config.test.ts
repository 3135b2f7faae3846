// Where the operational store lives (DATABASE_URL or $DATA_DIR/pg), how a bad
// DATABASE_URL is refused without echoing its password, and the conventions
// of schemas/pg-migrations.
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError } from '../core/env.ts'
import { loadStoreConfig, STORE_MIGRATIONS_DIR } from '../core/store/store.ts'
import { readStoreMigrations } from '../core/store/migrate.ts'

const refusal = (value: string) => {
  try {
    loadStoreConfig({ DATABASE_URL: value })
  } catch (err) {
    return err as Error
  }
  throw new Error(`DATABASE_URL=${value} was accepted`)
}

describe('loadStoreConfig', () => {
  it('embeds the store under $DATA_DIR/pg when DATABASE_URL is not set', () => {
    expect(loadStoreConfig({})).toEqual({ mode: 'embedded', dir: resolve('data', 'pg') })
    expect(loadStoreConfig({ DATA_DIR: '/srv/cc', DATABASE_URL: '  ' })).toEqual({ mode: 'embedded', dir: '/srv/cc/pg' })
  })

  it('uses the PostgreSQL server of a postgres:// or postgresql:// DATABASE_URL', () => {
    const config = loadStoreConfig({ DATABASE_URL: 'postgres://cc:pa%40ss@postgres:5432/command_center?sslmode=require', DATA_DIR: '/ignored' })
    expect(config.mode).toBe('server')
    expect(config.mode === 'server' && config.url.href).toBe('postgres://cc:pa%40ss@postgres:5432/command_center?sslmode=require')
    expect(loadStoreConfig({ DATABASE_URL: 'postgresql://db.example/cc' }).mode).toBe('server')
    // A Unix socket directory is given as ?host=.
    expect(loadStoreConfig({ DATABASE_URL: 'postgres:///cc?host=/run/postgresql' }).mode).toBe('server')
  })

  it('refuses another scheme, a URL it cannot read and one without a host, naming the variable and never the password', () => {
    for (const value of ['http://cc:hunter2-secret@postgres:5432/cc', 'postgres://cc:hunter2-secret@[::1/cc', 'hunter2-secret', 'postgres://cc:hunter2-secret@/cc']) {
      const err = refusal(value)
      expect(err).toBeInstanceOf(ConfigError)
      expect(err.message).toMatch(/^DATABASE_URL must /)
      expect(err.message).toContain('postgres://user:password@postgres:5432/command_center')
      expect(err.message).not.toContain('hunter2')
    }
    expect(refusal('mysql://cc:hunter2-secret@db/cc').message).toContain("its scheme is 'mysql'")
  })
})

describe('schemas/pg-migrations', () => {
  it('holds a README and only numbered migrations, each opening with a comment that says why', () => {
    expect(readdirSync(STORE_MIGRATIONS_DIR)).toContain('README.md')
    for (const m of readStoreMigrations()) {
      const header = readFileSync(join(STORE_MIGRATIONS_DIR, m.file), 'utf8').split('\n')[0]
      expect(header, m.file).toMatch(new RegExp(`^-- ${m.name.slice(0, 3)} [\\w ]+: \\S`))
    }
  })
})
