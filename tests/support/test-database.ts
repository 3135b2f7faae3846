// A database of its own on the run's PostgreSQL server (store-global-setup.ts)
// for one test file, so that files run in parallel; dropped by drop().
import { randomUUID } from 'node:crypto'
import { inject } from 'vitest'
import { openStore } from '../../core/store/store.ts'

export interface TestDatabase {
  url: URL
  drop(): Promise<void>
}

async function asSuperuser(sql: string): Promise<void> {
  const admin = await openStore({ mode: 'server', url: new URL(inject('postgresUrl')) })
  try {
    await admin.query(sql)
  } finally {
    await admin.close()
  }
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `cc_test_${randomUUID().replaceAll('-', '')}`
  await asSuperuser(`CREATE DATABASE ${name}`)
  const url = new URL(inject('postgresUrl'))
  url.pathname = `/${name}`
  // FORCE ends the sessions a failed test may have left open.
  return { url, drop: () => asSuperuser(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) }
}
