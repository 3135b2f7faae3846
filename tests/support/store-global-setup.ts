// What the store tests share for a whole run, made before any file runs: a
// throwaway PostgreSQL server, stopped and deleted when the run ends (its
// superuser URL is provided to test files as `postgresUrl`; each file makes
// its own database on it, so files run in parallel), and an empty embedded
// store to copy from, whose directory is in CC_TEST_PGLITE_TEMPLATE. A new
// PGlite runs initdb, 2–7 s on the build machine, where a copy of its 40 MB
// takes a tenth of a second; the template is kept between runs, outside the
// repository, one per PGlite version
// (~/.cache/command-center/pglite/<version>, under XDG_CACHE_HOME if set).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { openStore } from '../../core/store/store.ts'
import { REPO } from './app-process.ts'
import { startPostgresCluster } from './postgres-cluster.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string
  }
}

async function pgliteTemplate(): Promise<string> {
  const { version } = JSON.parse(readFileSync(join(REPO, 'node_modules/@electric-sql/pglite/package.json'), 'utf8')) as { version: string }
  const cached = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'command-center', 'pglite', version)
  if (existsSync(cached)) return cached
  mkdirSync(dirname(cached), { recursive: true })
  // Made beside its place and renamed into it, so the cache never holds half a
  // template; a run that made one at the same moment keeps its own.
  const making = mkdtempSync(`${cached}.making-`)
  try {
    const store = await openStore({ mode: 'embedded', dir: making })
    await store.close()
    renameSync(making, cached)
  } catch (err) {
    if (!existsSync(cached)) throw err
  } finally {
    rmSync(making, { recursive: true, force: true })
  }
  return cached
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const [started, made] = await Promise.allSettled([startPostgresCluster(), pgliteTemplate()])
  if (made.status === 'rejected') {
    if (started.status === 'fulfilled') await started.value.stop()
    throw made.reason
  }
  if (started.status === 'rejected') throw started.reason
  const [cluster, template] = [started.value, made.value]
  project.provide('postgresUrl', cluster.url)
  process.env.CC_TEST_PGLITE_TEMPLATE = template
  return () => cluster.stop()
}
