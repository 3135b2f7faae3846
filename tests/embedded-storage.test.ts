// The embedded store's "in use" check against a holder that was killed but
// not yet reaped (a zombie): a supervisor that restarts a crashed process at
// once must get the data directory, not "in use by another process". The
// zombie is real: a Python parent forks a child that exits and is never
// waited for.
import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { isDefunct, openStorage } from '../core/storage/clickhouse.ts'

const parents: Array<ReturnType<typeof spawn>> = []
afterAll(() => parents.forEach((p) => p.kill('SIGKILL')))

/** A zombie's PID: its parent stays alive and never reaps it. */
async function zombie(): Promise<number> {
  const parent = spawn('python3', ['-c', 'import os,sys,time\npid=os.fork()\nif pid==0: os._exit(0)\nprint(pid, flush=True)\ntime.sleep(60)'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  parents.push(parent)
  const pid = await new Promise<number>((resolve) => parent.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim()))))
  // Give the child the moment it needs to exit.
  for (let i = 0; i < 50 && !isDefunct(pid); i++) await new Promise((r) => setTimeout(r, 20))
  return pid
}

describe('the embedded data directory', () => {
  it('tells a zombie from a live process', async () => {
    expect(isDefunct(await zombie())).toBe(true)
    expect(isDefunct(process.pid)).toBe(false)
  })

  it('opens a directory whose recorded holder is a killed, unreaped process', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cc-zombie-'))
    writeFileSync(join(dataDir, 'status'), `PID: ${await zombie()}\nStarted at: 2026-12-01 03:00:00\n`)
    const storage = await openStorage({ mode: 'embedded', dataDir, rawTtlDays: 90 })
    try {
      const result = await storage.client.query({ query: 'SELECT 1 AS one', format: 'JSONEachRow' })
      expect(await result.json()).toEqual([{ one: 1 }])
    } finally {
      await storage.close()
    }
  })

  it('still refuses a directory whose holder is alive', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cc-alive-'))
    const parent = spawn('sleep', ['60'])
    parents.push(parent)
    writeFileSync(join(dataDir, 'status'), `PID: ${parent.pid}\n`)
    await expect(openStorage({ mode: 'embedded', dataDir, rawTtlDays: 90 })).rejects.toThrow(/is in use by another process/)
  })
})
