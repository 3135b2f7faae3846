// A lock between processes on this machine: a directory made with mkdir
// (atomic), holding the owner's pid. Two test files starting brokers at the
// same time should not both run Maven: the second waits, then finds its
// jars there or resolves them alone. A lock whose owner died is taken over. The lock
// only saves work: what it guards is installed by an atomic rename anyway.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

function ownerAlive(lockDir: string): boolean {
  let pid: number
  try {
    pid = Number(readFileSync(join(lockDir, 'pid'), 'utf8'))
  } catch {
    // Made but its pid not written yet: the owner is alive, between two calls.
    return true
  }
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'ESRCH'
  }
}

/** Runs `work` while holding `lockDir`; waits up to `timeoutMs` for another holder. */
export async function withDirLock<T>(lockDir: string, work: () => Promise<T>, timeoutMs = 600_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      mkdirSync(lockDir)
      break
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    }
    if (!ownerAlive(lockDir)) rmSync(lockDir, { recursive: true, force: true })
    else if (Date.now() > deadline) throw new Error(`waited ${timeoutMs / 1000} s for ${lockDir} (held by another process)`)
    else await sleep(250)
  }
  try {
    writeFileSync(join(lockDir, 'pid'), String(process.pid))
    return await work()
  } finally {
    rmSync(lockDir, { recursive: true, force: true })
  }
}
