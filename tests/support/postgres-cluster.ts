// A throwaway PostgreSQL server for a test run: initdb in a temporary
// directory, one `postgres` on a free loopback port with trust
// authentication from 127.0.0.1 only, stopped and deleted by stop(). It runs
// Debian's server binaries (package postgresql). initdb and postgres refuse
// to run as root, and the tests run as root on the build machines: there the
// server runs as the `postgres` user (runuser), in a directory it owns.
// Like the Kafka nodes, it runs under guard.sh, which kills it if the
// process that started it dies without stopping it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { chownSync, closeSync, copyFileSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { freePorts } from './kafka-real/free-ports.ts'

const GUARD = fileURLToPath(new URL('./kafka-real/guard.sh', import.meta.url))
const READY_TIMEOUT_MS = 30_000
const STOP_TIMEOUT_MS = 10_000
const INSTALL = "install Debian's postgresql package (apt-get install postgresql), or set PG_BINDIR to the directory holding initdb and postgres"

export interface PostgresCluster {
  /** The superuser's URL (database postgres); test files create their own databases with it. */
  url: string
  stop(): Promise<void>
}

/** PG_BINDIR, else the newest /usr/lib/postgresql/N/bin (Debian's layout), else initdb on PATH. */
function binDir(): string {
  const has = (dir: string) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'postgres'))
  if (process.env.PG_BINDIR) {
    if (has(process.env.PG_BINDIR)) return process.env.PG_BINDIR
    throw new Error(`PG_BINDIR=${process.env.PG_BINDIR} holds no initdb and postgres: ${INSTALL}`)
  }
  const debian = '/usr/lib/postgresql'
  const versions = existsSync(debian) ? readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : []
  const found = versions.map((v) => join(debian, v, 'bin')).find(has)
  if (found) return found
  const onPath = (process.env.PATH ?? '').split(':').find((dir) => dir !== '' && has(dir))
  if (onPath) return onPath
  throw new Error(`the tests need a PostgreSQL server and found none (no initdb and postgres in ${debian}/*/bin or on PATH): ${INSTALL}`)
}

/** The command prefix and owner that run the server: as root, the postgres user. */
function serverUser(): { prefix: string[]; owner?: { uid: number; gid: number } } {
  if (process.getuid?.() !== 0) return { prefix: [] }
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' })
  const uid = id('-u')
  if (uid.status !== 0) {
    throw new Error("the tests run as root, and PostgreSQL refuses to: it is run as the user 'postgres', which does not exist here (Debian's postgresql package creates it)")
  }
  return { prefix: ['runuser', '-u', 'postgres', '--'], owner: { uid: Number(uid.stdout), gid: Number(id('-g').stdout) } }
}

function run(command: string[], what: string): void {
  const result = spawnSync(command[0], command.slice(1), { encoding: 'utf8' })
  if (result.status !== 0) throw new Error(`${what} failed (exit ${result.status}):\n${result.stdout}${result.stderr}${result.error?.message ?? ''}`)
}

async function accepts(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 })
  client.on('error', () => {})
  try {
    await client.connect()
    await client.query('SELECT 1')
    return true
  } catch {
    return false
  } finally {
    await client.end().catch(() => {})
  }
}

export async function startPostgresCluster(): Promise<PostgresCluster> {
  const bin = binDir()
  const { prefix, owner } = serverUser()
  const base = mkdtempSync(join(tmpdir(), 'cc-pg-'))
  const data = join(base, 'data')
  const guard = join(base, 'guard.sh')
  const logFile = join(base, 'postgres.log')
  // The server's user may not be able to read the repository: it gets its own copy of the guard.
  copyFileSync(GUARD, guard)
  writeFileSync(logFile, '')
  if (owner) for (const path of [base, guard, logFile]) chownSync(path, owner.uid, owner.gid)

  let child: ChildProcess | undefined
  const stop = async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve))
      // SIGINT to the postmaster is PostgreSQL's fast shutdown: it ends the
      // sessions and removes its shared memory; a SIGKILL would leave that.
      const postmaster = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0])
      try {
        process.kill(postmaster, 'SIGINT')
      } catch {
        // Already gone; guard.sh exits with it.
      }
      const timer = setTimeout(() => child!.stdin?.destroy(), STOP_TIMEOUT_MS)
      await exited
      clearTimeout(timer)
    }
    rmSync(base, { recursive: true, force: true })
  }

  try {
    // The collation PGlite has (C, with UTF-8 character classes): ORDER BY on text sorts the same in both.
    run([...prefix, join(bin, 'initdb'), '-D', data, '-U', 'postgres', '-E', 'UTF8', '--lc-collate=C', '--lc-ctype=C.UTF-8', '--no-sync', '--no-instructions'], 'initdb')
    writeFileSync(join(data, 'pg_hba.conf'), 'host all all 127.0.0.1/32 trust\n')
    const [port] = await freePorts(1)
    const out = openSync(logFile, 'a')
    child = spawn(
      prefix[0] ?? 'sh',
      [
        ...prefix.slice(1),
        ...(prefix.length > 0 ? ['sh'] : []),
        guard,
        join(bin, 'postgres'),
        '-D', data,
        '-c', 'listen_addresses=127.0.0.1',
        '-c', `port=${port}`,
        // No Unix socket: clients reach it on loopback only.
        '-c', 'unix_socket_directories=',
        // A throwaway cluster need not survive a power cut.
        '-c', 'fsync=off',
        '-c', 'synchronous_commit=off',
        '-c', 'full_page_writes=off',
      ],
      // detached: a Ctrl-C in the terminal reaches the test runner, which stops the server itself.
      { detached: true, stdio: ['pipe', out, out] },
    )
    closeSync(out)
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`
    const deadline = Date.now() + READY_TIMEOUT_MS
    while (!(await accepts(url))) {
      if (child.exitCode !== null || Date.now() > deadline) {
        throw new Error(`PostgreSQL did not start (${bin}/postgres on port ${port}):\n${readFileSync(logFile, 'utf8').slice(-4000)}`)
      }
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    return { url, stop }
  } catch (err) {
    await stop()
    throw err
  }
}
