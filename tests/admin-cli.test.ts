// `npm run admin` as an operator runs it: the help, a user made with the
// password on standard input, and the three places the store can be: an
// embedded store no server holds (the command opens it), one a running server
// holds (the command goes through the server's local channel, so the server's
// sockets learn of what it ends), and a PostgreSQL server (DATABASE_URL).
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrateStore, openStore, type Store } from '../core/store/store.ts'
import { adminSocketPath, startAdminChannel } from '../server/admin/admin-channel.ts'
import { AuditLog } from '../server/audit/audit-log.ts'
import { Sessions } from '../server/auth/sessions.ts'
import { REPO } from './support/app-process.ts'
import { createTestDatabase, type TestDatabase } from './support/test-database.ts'

const PASSWORD = 'a command line password'

function admin(args: string[], env: Record<string, string>, stdin = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bin/admin.ts', ...args], {
      cwd: REPO,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }))
    child.stdin.end(stdin)
  })
}

const dirs: string[] = []
const dataDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'cc-admin-'))
  dirs.push(dir)
  return dir
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

describe('npm run admin', () => {
  it('lists its commands with --help', async () => {
    const help = await admin(['--help'], {})
    expect(help.code).toBe(0)
    for (const command of ['create-user', 'set-role', 'reset-password', 'disable-user', 'enable-user', 'list-users', 'list-sessions', 'end-sessions', 'setup-link']) {
      expect(help.stdout).toContain(command)
    }
  })

  it('refuses an unknown command or role with the usage, and a weak password with the rule', async () => {
    const unknown = await admin(['make-coffee'], {})
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toMatch(/^error: unknown command 'make-coffee'\n\nUsage: /)
    const dir = dataDir()
    const role = await admin(['create-user', '--username', 'x1', '--role', 'boss', '--password-stdin'], { DATA_DIR: dir }, PASSWORD)
    expect(role).toMatchObject({ code: 1, stderr: "error: --role must be one of viewer, officer, lead, admin, got 'boss'\n" })
    const weak = await admin(['create-user', '--username', 'x1', '--role', 'viewer', '--password-stdin'], { DATA_DIR: dir }, 'short')
    expect(weak).toMatchObject({ code: 1, stderr: 'error: a password needs at least 12 characters (this one has 5)\n' })
  })

  it('opens an embedded store no server holds, and never prints the password', async () => {
    const dir = dataDir()
    const made = await admin(['create-user', '--username', 'Alice', '--role', 'admin', '--display-name', 'Alice Wang', '--password-stdin'], { DATA_DIR: dir }, `${PASSWORD}\n`)
    expect(made).toMatchObject({ code: 0, stdout: 'created alice (admin)\n' })
    const list = await admin(['list-users'], { DATA_DIR: dir })
    expect(list.stdout).toMatch(/^alice\s+admin\s+active\s+Alice Wang\n$/)
    expect(`${made.stdout}${made.stderr}${list.stdout}${list.stderr}`).not.toContain(PASSWORD)
    const last = await admin(['set-role', '--username', 'alice', '--role', 'viewer'], { DATA_DIR: dir })
    expect(last).toMatchObject({ code: 1, stderr: 'error: alice is the last administrator who can act: make another one first\n' })
  })

  describe('with a running server holding the embedded store', () => {
    let store: Store
    let dir: string
    let channel: { close(): Promise<void> }
    const ended: string[] = []
    const rightsChanged: string[] = []

    beforeAll(async () => {
      dir = dataDir()
      store = await openStore({ mode: 'embedded', dir: join(dir, 'pg') })
      await migrateStore(store)
      const now = () => new Date()
      const sessions = new Sessions(store, { personIdleMs: 1_800_000, personMaxMs: 43_200_000, deviceIdleMs: 1e10, deviceRotateMs: 86_400_000, deviceGraceMs: 300_000 }, now)
      // What the server does with these: close the sockets of ended sessions and of users whose role changed.
      sessions.onEnded((e) => ended.push(e.reason))
      sessions.onRightsChanged((userId) => rightsChanged.push(userId))
      channel = await startAdminChannel(adminSocketPath(join(dir, 'pg')), { store, sessions, audit: new AuditLog(store, null, now, { warn: () => undefined }), now }, { error: () => undefined })
    })
    afterAll(async () => {
      await channel?.close()
      await store?.close()
    })

    it('goes through the server, whose sessions and sockets learn of it', async () => {
      const made = await admin(['create-user', '--username', 'bob', '--role', 'officer', '--password-stdin'], { DATA_DIR: dir }, PASSWORD)
      expect(made).toMatchObject({ code: 0, stdout: 'created bob (officer)\n' })
      const [bob] = await store.query<{ id: string; role: string }>("SELECT id, role FROM users WHERE username = 'bob'")
      expect(bob.role).toBe('officer')

      await store.query("INSERT INTO sessions (user_id, token_hash, csrf_token, created_at, last_seen_at, rotated_at, expires_at, address, user_agent) VALUES ($1, 'h1', 'c1', now(), now(), now(), now() + interval '1 hour', '', '')", [bob.id])
      expect((await admin(['set-role', '--username', 'bob', '--role', 'lead'], { DATA_DIR: dir })).stdout).toBe('bob is now lead\n')
      expect(rightsChanged).toEqual([bob.id])
      expect((await admin(['disable-user', '--username', 'bob'], { DATA_DIR: dir })).stdout).toBe('bob disabled\n')
      expect(ended).toEqual(['user disabled'])
      const audit = await store.query<{ actor: string; action: string; target: string }>('SELECT actor, action, target FROM audit_log ORDER BY id')
      expect(audit).toEqual([
        { actor: 'cli', action: 'user.create', target: 'bob' },
        { actor: 'cli', action: 'user.role', target: 'bob' },
        { actor: 'cli', action: 'user.disable', target: 'bob' },
      ])
    })
  })

  describe('with DATABASE_URL', () => {
    let db: TestDatabase
    beforeAll(async () => {
      db = await createTestDatabase()
    })
    afterAll(async () => {
      await db?.drop()
    })

    it('works on the PostgreSQL server at any time', async () => {
      const env = { DATABASE_URL: db.url.toString() }
      expect((await admin(['create-user', '--username', 'carol', '--role', 'lead', '--password-stdin'], env, PASSWORD)).stdout).toBe('created carol (lead)\n')
      expect((await admin(['list-users'], env)).stdout).toMatch(/^carol\s+lead\s+active/)
      const link = await admin(['setup-link'], env)
      expect(link).toMatchObject({ code: 1, stderr: 'error: users exist already: no setup link is made; sign in as an administrator\n' })
    })
  })
})
