// People, for administrators: list, create, change a role or a name,
// disable or enable, reset a password, see and end sessions. A change that
// takes a right away (a role lowered, an account disabled, a password reset)
// takes effect at once: sessions end or are re-read, and sockets follow.
// The last administrator who can act cannot be demoted or disabled.
import { Type, type Static } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import { PERSON_ROLES } from '../../schemas/roles.ts'
import type { AccessServices } from '../auth/access-services.ts'
import { hashPassword, passwordProblem, PASSWORD_MAX } from '../auth/passwords.ts'
import { ErrorSchema, HttpError } from '../http-error.ts'
import {
  activeAdmins,
  createUser,
  getUser,
  listUsers,
  normaliseUsername,
  setPasswordHash,
  updateUser,
  UsernameTakenError,
  USERNAME_PATTERN,
  type User,
} from '../people/users.ts'
import { clientAddress } from '../plugins/access.ts'

const Role = Type.Union(PERSON_ROLES.map((r) => Type.Literal(r)))
const UserOut = Type.Object({
  id: Type.String(),
  username: Type.String(),
  display_name: Type.String(),
  role: Role,
  disabled: Type.Boolean(),
  created_at: Type.String({ format: 'date-time' }),
  updated_at: Type.String({ format: 'date-time' }),
})
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) })
const NewUser = Type.Object(
  {
    username: Type.String({ minLength: 2, maxLength: 64 }),
    display_name: Type.String({ minLength: 1, maxLength: 100 }),
    role: Role,
    password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX * 4 }),
  },
  { additionalProperties: false },
)
const Change = Type.Object(
  { display_name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })), role: Type.Optional(Role), disabled: Type.Optional(Type.Boolean()) },
  { additionalProperties: false, minProperties: 1 },
)

const out = (u: User) => ({ ...u, created_at: u.created_at.toISOString(), updated_at: u.updated_at.toISOString() })

export default async function userRoutes(app: FastifyInstance, opts: { services: AccessServices }): Promise<void> {
  const { store, sessions, audit, now } = opts.services
  const tags = ['access']

  app.get('/users', { schema: { tags, summary: 'Every user', response: { 200: Type.Object({ users: Type.Array(UserOut) }) } } }, async () => ({
    users: (await listUsers(store)).map(out),
  }))

  app.post<{ Body: Static<typeof NewUser> }>(
    '/users',
    { schema: { tags, summary: 'Create a user', body: NewUser, response: { 201: UserOut, 400: ErrorSchema, 409: ErrorSchema } } },
    async (request, reply) => {
      const username = normaliseUsername(request.body.username)
      if (!USERNAME_PATTERN.test(username)) throw new HttpError(400, 'bad_username', 'a username is 2–64 letters, digits, dots, dashes or underscores, starting with a letter or digit')
      const problem = passwordProblem(request.body.password)
      if (problem) throw new HttpError(400, 'weak_password', problem)
      const passwordHash = await hashPassword(request.body.password)
      try {
        const user = await store.transaction(async (tx) => {
          const created = await createUser(tx, { username, display_name: request.body.display_name.trim(), role: request.body.role, password_hash: passwordHash }, now())
          await audit.record({ who: request.principal, action: 'user.create', target: username, address: clientAddress(request), outcome: 'allowed', detail: { role: created.role } }, tx)
          return created
        })
        return reply.code(201).send(out(user))
      } catch (err) {
        if (err instanceof UsernameTakenError) throw new HttpError(409, 'conflict', err.message)
        throw err
      }
    },
  )

  app.patch<{ Params: { id: string }; Body: Static<typeof Change> }>(
    '/users/:id',
    { schema: { tags, summary: 'Change a user: name, role, disabled', params: IdParams, body: Change, response: { 200: UserOut, 404: ErrorSchema, 409: ErrorSchema } } },
    async (request) => {
      const change = request.body
      const updated = await store.transaction(async (tx) => {
        const before = await getUser(tx, request.params.id)
        if (!before) throw new HttpError(404, 'not_found', 'no user with this id')
        const losesAdmin = before.role === 'admin' && !before.disabled && ((change.role !== undefined && change.role !== 'admin') || change.disabled === true)
        if (losesAdmin && (await activeAdmins(tx)) <= 1) {
          throw new HttpError(409, 'last_admin', 'this is the last administrator who can act: make another one first')
        }
        const after = (await updateUser(tx, before.id, change, now()))!
        const detail: Record<string, unknown> = {}
        if (change.role !== undefined && change.role !== before.role) detail.role = { from: before.role, to: change.role }
        if (change.disabled !== undefined && change.disabled !== before.disabled) detail.disabled = change.disabled
        if (change.display_name !== undefined && change.display_name !== before.display_name) detail.display_name = change.display_name
        const action = detail.role ? 'user.role' : detail.disabled !== undefined ? (change.disabled ? 'user.disable' : 'user.enable') : 'user.update'
        await audit.record({ who: request.principal, action, target: after.username, address: clientAddress(request), outcome: 'allowed', detail }, tx)
        return { after, roleChanged: detail.role !== undefined, disabled: change.disabled === true && !before.disabled }
      })
      if (updated.disabled) await sessions.endAllOfUser(updated.after.id, 'user disabled')
      else if (updated.roleChanged) sessions.rightsChanged(updated.after.id)
      return out(updated.after)
    },
  )

  app.post<{ Params: { id: string }; Body: { password: string } }>(
    '/users/:id/password',
    {
      schema: {
        tags,
        summary: "Reset a user's password: their sessions end",
        params: IdParams,
        body: Type.Object({ password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX * 4 }) }, { additionalProperties: false }),
        response: { 204: Type.Null(), 400: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request, reply) => {
      const problem = passwordProblem(request.body.password)
      if (problem) throw new HttpError(400, 'weak_password', problem)
      const user = await getUser(store, request.params.id)
      if (!user) throw new HttpError(404, 'not_found', 'no user with this id')
      await setPasswordHash(store, user.id, await hashPassword(request.body.password), now())
      await sessions.endAllOfUser(user.id, 'password reset')
      await audit.record({ who: request.principal, action: 'user.password_reset', target: user.username, address: clientAddress(request), outcome: 'allowed' })
      return reply.code(204).send(null)
    },
  )

  app.get<{ Params: { id: string } }>(
    '/users/:id/sessions',
    { schema: { tags, summary: "A user's open sessions", params: IdParams, response: { 200: Type.Object({ sessions: Type.Array(Type.Object({ id: Type.String(), created_at: Type.String(), last_seen_at: Type.String(), expires_at: Type.String(), address: Type.String(), user_agent: Type.String() })) }) } } },
    async (request) => ({
      sessions: (await sessions.listOfUser(request.params.id)).map((s) => ({
        id: s.id,
        created_at: s.created_at.toISOString(),
        last_seen_at: s.last_seen_at.toISOString(),
        expires_at: s.expires_at.toISOString(),
        address: s.address,
        user_agent: s.user_agent,
      })),
    }),
  )

  app.delete<{ Params: { id: string } }>(
    '/users/:id/sessions',
    { schema: { tags, summary: "End every session of a user", params: IdParams, response: { 200: Type.Object({ ended: Type.Integer() }), 404: ErrorSchema } } },
    async (request) => {
      const user = await getUser(store, request.params.id)
      if (!user) throw new HttpError(404, 'not_found', 'no user with this id')
      const ended = await sessions.endAllOfUser(user.id, 'ended by an administrator')
      await audit.record({ who: request.principal, action: 'session.end_all', target: user.username, address: clientAddress(request), outcome: 'allowed', detail: { ended } })
      return { ended }
    },
  )
}

