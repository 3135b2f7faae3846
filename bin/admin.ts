// `npm run admin -- <command> [flags]`: users, roles, passwords and sessions
// from the command line, e.g. the first administrator:
//   npm run admin -- create-user --username alice --role admin
// With DATABASE_URL the commands work on the PostgreSQL server at any time.
// With the embedded store (PGlite under DATA_DIR), which belongs to the
// running server, they go through the server's local admin channel; when no
// server runs, they open the store themselves.
import { createConnection } from 'node:net'
import { createInterface } from 'node:readline'
import { Writable } from 'node:stream'
import { UsageError, parseFlags } from '../core/cli/cli-args.ts'
import { runCli } from '../core/cli/run-cli.ts'
import { readString } from '../core/env.ts'
import { loadStoreConfig } from '../core/store/config.ts'
import { openMigratedStore } from '../core/store/open-migrated.ts'
import { ADMIN_COMMANDS, runAdminCommand, type AdminArgs, type AdminCommand } from '../server/admin/admin-commands.ts'
import { adminSocketPath, type AdminAnswer } from '../server/admin/admin-channel.ts'
import { AuditLog } from '../server/audit/audit-log.ts'
import { Sessions } from '../server/auth/sessions.ts'
import { loadServerConfig } from '../server/config.ts'
import { sessionPolicy } from '../server/auth/session-policy.ts'

const USAGE = `Usage: npm run admin -- <command> [flags]

Commands:
  create-user --username NAME --role ROLE [--display-name TEXT] [--password-stdin]
                               a user; ROLE is viewer, officer, lead or admin
  set-role --username NAME --role ROLE
                               change a user's role (their sockets re-authenticate)
  reset-password --username NAME [--password-stdin]
                               a new password; the user's sessions end
  disable-user --username NAME a user who may no longer sign in; their sessions end
  enable-user --username NAME  let a disabled user sign in again
  list-users                   every user with role and state
  list-sessions --username NAME
                               a user's open sessions
  end-sessions --username NAME end every session of a user
  setup-link                   a new one-time link to create the first administrator (no users yet)

The password is asked at a prompt (not shown), or read from standard input with
--password-stdin: 12 to 128 characters, not among the 10,000 most common.
With DATABASE_URL set the commands use that PostgreSQL server; otherwise the
embedded store under DATA_DIR, through the running server when there is one.`

const NEEDS_PASSWORD: readonly AdminCommand[] = ['create-user', 'reset-password']

async function readPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin) {
    let text = ''
    for await (const chunk of process.stdin) text += String(chunk)
    return text.replace(/\r?\n$/, '')
  }
  if (!process.stdin.isTTY) throw new UsageError('no terminal to type a password at: pass it with --password-stdin')
  // The prompt is written; what is typed is not echoed.
  const muted = new Writable({ write: (_chunk, _enc, done) => done() })
  const rl = createInterface({ input: process.stdin, output: muted, terminal: true })
  process.stderr.write('password: ')
  const answer = await new Promise<string>((resolve) => rl.question('', resolve))
  rl.close()
  process.stderr.write('\n')
  return answer
}

/** Sends the command to a running server's admin channel; null when none listens. */
function throughServer(path: string, command: AdminCommand, args: AdminArgs): Promise<AdminAnswer | null> {
  return new Promise((resolve) => {
    const conn = createConnection(path)
    let text = ''
    conn.setEncoding('utf8')
    conn.on('connect', () => conn.write(`${JSON.stringify({ command, args })}\n`))
    conn.on('data', (chunk: string) => (text += chunk))
    conn.on('end', () => {
      try {
        resolve(JSON.parse(text) as AdminAnswer)
      } catch {
        resolve({ ok: false, error: 'the running server gave no answer' })
      }
    })
    conn.on('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'ENOENT' || err.code === 'ECONNREFUSED' ? null : { ok: false, error: err.message }))
  })
}

await runCli(USAGE, async (argv) => {
  const [command, ...rest] = argv
  if (command === undefined || command === '--help' || command === '-h') return USAGE
  if (!(ADMIN_COMMANDS as readonly string[]).includes(command)) throw new UsageError(`unknown command '${command}'`)
  const flags = parseFlags(rest, {
    username: { type: 'string' },
    role: { type: 'string' },
    'display-name': { type: 'string' },
    'password-stdin': { type: 'boolean' },
  })
  const cmd = command as AdminCommand
  const args: AdminArgs = { username: flags.username, role: flags.role, displayName: flags['display-name'] }
  if (NEEDS_PASSWORD.includes(cmd)) args.password = await readPassword(flags['password-stdin'] === true)

  const env = process.env
  const storeConfig = loadStoreConfig(env)
  if (storeConfig.mode === 'embedded') {
    const answer = await throughServer(adminSocketPath(storeConfig.dir), cmd, args)
    if (answer !== null) {
      if (!answer.ok) throw new Error(answer.error)
      return cmd === 'setup-link' ? setupLinkText(answer.output, env) : answer.output
    }
  }
  const quiet = { info: () => undefined }
  const store = await openMigratedStore(storeConfig, quiet)
  try {
    const now = () => new Date()
    const ctx = {
      store,
      sessions: new Sessions(store, sessionPolicy(loadServerConfig(env)), now),
      audit: new AuditLog(store, null, now, { warn: () => undefined }),
      now,
    }
    const output = await runAdminCommand(ctx, cmd, args)
    return cmd === 'setup-link' ? setupLinkText(output, env) : output
  } finally {
    await store.close()
  }
})

function setupLinkText(token: string, env: NodeJS.ProcessEnv): string {
  const base = readString(env, 'PUBLIC_URL') ?? `http://127.0.0.1:${readString(env, 'PORT', '8080')}`
  return `open ${base.replace(/\/$/, '')}/setup#token=${token} (valid 24 hours, once) to create the first administrator`
}
