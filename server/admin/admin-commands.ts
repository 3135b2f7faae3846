// What `npm run admin` can do, as plain functions over the operational store:
// the same code whether the command runs in its own process (a PostgreSQL
// server, or an embedded store no server holds) or inside the running server
// through its local admin channel (admin-channel.ts). Every change is audited
// as done by `cli` from `local`.
import type { Store } from '../../core/store/store.ts'
import { PERSON_ROLES, type PersonRole } from '../../schemas/roles.ts'
import type { AuditLog } from '../audit/audit-log.ts'
import { hashPassword, passwordProblem } from '../auth/passwords.ts'
import type { Sessions } from '../auth/sessions.ts'
import { issueSetupLink } from '../auth/setup-link.ts'
import {
  activeAdmins,
  createUser,
  getUserByName,
  listUsers,
  normaliseUsername,
  setPasswordHash,
  updateUser,
  USERNAME_PATTERN,
} from '../people/users.ts'

export const ADMIN_COMMANDS = ['create-user', 'set-role', 'reset-password', 'disable-user', 'enable-user', 'list-users', 'list-sessions', 'end-sessions', 'setup-link'] as const
export type AdminCommand = (typeof ADMIN_COMMANDS)[number]

export interface AdminArgs {
  username?: string
  role?: string
  displayName?: string
  password?: string
}

export class AdminCommandError extends Error {
  override name = 'AdminCommandError'
}

export interface AdminContext {
  store: Store
  sessions: Sessions
  audit: AuditLog
  now: () => Date
}

const CLI = { actor: 'cli', role: 'admin' }

function role(value: string | undefined): PersonRole {
  if (value === undefined) throw new AdminCommandError(`--role is required (${PERSON_ROLES.join(', ')})`)
  if (!(PERSON_ROLES as readonly string[]).includes(value)) throw new AdminCommandError(`--role must be one of ${PERSON_ROLES.join(', ')}, got '${value}'`)
  return value as PersonRole
}

function username(value: string | undefined): string {
  if (value === undefined) throw new AdminCommandError('--username is required')
  const name = normaliseUsername(value)
  if (!USERNAME_PATTERN.test(name)) throw new AdminCommandError('a username is 2–64 letters, digits, dots, dashes or underscores, starting with a letter or digit')
  return name
}

async function password(value: string | undefined): Promise<string> {
  if (value === undefined) throw new AdminCommandError('a password is required: type it at the prompt or pass it with --password-stdin')
  const problem = passwordProblem(value)
  if (problem) throw new AdminCommandError(problem)
  return hashPassword(value)
}

async function existing(ctx: AdminContext, name: string) {
  const user = await getUserByName(ctx.store, name)
  if (!user) throw new AdminCommandError(`no user "${name}"`)
  return user
}

/** Runs one command; returns what to print. */
export async function runAdminCommand(ctx: AdminContext, command: AdminCommand, args: AdminArgs): Promise<string> {
  const { store, sessions, audit, now } = ctx
  const record = (action: string, target: string, detail: Record<string, unknown> = {}) =>
    audit.record({ who: CLI, action, target, address: 'local', outcome: 'allowed', detail })
  switch (command) {
    case 'create-user': {
      const name = username(args.username)
      const r = role(args.role)
      const hash = await password(args.password)
      if (await getUserByName(store, name)) throw new AdminCommandError(`the username "${name}" is taken`)
      await createUser(store, { username: name, display_name: args.displayName?.trim() || name, role: r, password_hash: hash }, now())
      await record('user.create', name, { role: r })
      return `created ${name} (${r})`
    }
    case 'set-role': {
      const user = await existing(ctx, username(args.username))
      const r = role(args.role)
      if (user.role === 'admin' && r !== 'admin' && !user.disabled && (await activeAdmins(store)) <= 1) {
        throw new AdminCommandError(`${user.username} is the last administrator who can act: make another one first`)
      }
      await updateUser(store, user.id, { role: r }, now())
      sessions.rightsChanged(user.id)
      await record('user.role', user.username, { role: { from: user.role, to: r } })
      return `${user.username} is now ${r}`
    }
    case 'reset-password': {
      const user = await existing(ctx, username(args.username))
      await setPasswordHash(store, user.id, await password(args.password), now())
      const ended = await sessions.endAllOfUser(user.id, 'password reset')
      await record('user.password_reset', user.username)
      return `password of ${user.username} reset; ${ended} session(s) ended`
    }
    case 'disable-user':
    case 'enable-user': {
      const user = await existing(ctx, username(args.username))
      const disabled = command === 'disable-user'
      if (disabled && user.role === 'admin' && !user.disabled && (await activeAdmins(store)) <= 1) {
        throw new AdminCommandError(`${user.username} is the last administrator who can act: make another one first`)
      }
      await updateUser(store, user.id, { disabled }, now())
      if (disabled) await sessions.endAllOfUser(user.id, 'user disabled')
      await record(disabled ? 'user.disable' : 'user.enable', user.username)
      return `${user.username} ${disabled ? 'disabled' : 'enabled'}`
    }
    case 'list-users': {
      const users = await listUsers(store)
      if (users.length === 0) return 'no users yet (npm run admin -- create-user --username NAME --role admin)'
      return users.map((u) => `${u.username.padEnd(24)} ${u.role.padEnd(8)} ${u.disabled ? 'disabled' : 'active  '} ${u.display_name}`).join('\n')
    }
    case 'list-sessions': {
      const user = await existing(ctx, username(args.username))
      const open = await sessions.listOfUser(user.id)
      if (open.length === 0) return `${user.username} has no open session`
      return open.map((s) => `${s.id}  since ${s.created_at.toISOString()}  last ${s.last_seen_at.toISOString()}  from ${s.address || '?'}  ${s.user_agent}`).join('\n')
    }
    case 'end-sessions': {
      const user = await existing(ctx, username(args.username))
      const ended = await sessions.endAllOfUser(user.id, 'ended from the command line')
      await record('session.end_all', user.username, { ended })
      return `${ended} session(s) of ${user.username} ended`
    }
    case 'setup-link': {
      const token = await issueSetupLink(store, now())
      if (token === null) throw new AdminCommandError('users exist already: no setup link is made; sign in as an administrator')
      await record('setup.link', '')
      return token
    }
  }
}
