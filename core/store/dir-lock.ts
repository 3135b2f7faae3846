// One process at a time may hold an embedded PostgreSQL directory: PGlite
// runs PostgreSQL in single-user mode, which takes no lock a second process
// would see (checked: two processes open the same directory and both write).
// The lock is a listening socket in Linux's abstract namespace, named after
// the directory's real path. Binding it is atomic, and the kernel releases it
// when its process exits, however it exits, so a crash leaves no stale lock
// behind and nothing is written into the directory. It holds within one
// network namespace: containers sharing a volume must each use their own.
import { createHash } from 'node:crypto'
import { realpathSync } from 'node:fs'
import { createServer } from 'node:net'

export interface DirLock {
  release(): Promise<void>
}

/** Null when another holder (this process or another) has the directory. */
export async function lockDirectory(dir: string): Promise<DirLock | null> {
  const name = `\0command-center-pg-${createHash('sha256').update(realpathSync(dir)).digest('hex').slice(0, 40)}`
  const server = createServer()
  try {
    await new Promise<void>((ok, fail) => {
      server.once('error', fail)
      server.listen(name, ok)
    })
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') return null
    throw err
  }
  // The lock must not keep the process alive by itself.
  server.unref()
  return { release: () => new Promise<void>((ok) => server.close(() => ok())) }
}
