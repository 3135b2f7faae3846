// The people who sign in: name, role, password hash, whether they may. Read
// and written through the operational store (PostgreSQL or PGlite).
import type { StoreQueryable } from '../../core/store/store.ts'
import type { PersonRole } from '../../schemas/roles.ts'

export type User = {
  id: string
  username: string
  display_name: string
  role: PersonRole
  disabled: boolean
  created_at: Date
  updated_at: Date
}

type UserRow = User & { password_hash: string }

const COLUMNS = 'id, username, display_name, role, disabled, created_at, updated_at'

/** Usernames are compared as typed in lower case: `Alice` and `alice` are one person. */
export const normaliseUsername = (name: string): string => name.trim().toLowerCase()

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,63}$/

export class UsernameTakenError extends Error {
  override name = 'UsernameTakenError'
  constructor(readonly username: string) {
    super(`the username "${username}" is taken`)
  }
}

export async function countUsers(db: StoreQueryable): Promise<number> {
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users')
  return row.n
}

export async function createUser(
  db: StoreQueryable,
  u: { username: string; display_name: string; role: PersonRole; password_hash: string },
  now: Date,
): Promise<User> {
  const existing = await db.query('SELECT 1 FROM users WHERE username = $1', [u.username])
  if (existing.length > 0) throw new UsernameTakenError(u.username)
  const [row] = await db.query<User>(
    `INSERT INTO users (username, display_name, role, password_hash, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $5) RETURNING ${COLUMNS}`,
    [u.username, u.display_name, u.role, u.password_hash, now],
  )
  return row
}

/** The user and the hash to check a password against, or null. */
export async function findForLogin(db: StoreQueryable, username: string): Promise<UserRow | null> {
  const [row] = await db.query<UserRow>(`SELECT ${COLUMNS}, password_hash FROM users WHERE username = $1`, [username])
  return row ?? null
}

export async function getUser(db: StoreQueryable, id: string): Promise<User | null> {
  const [row] = await db.query<User>(`SELECT ${COLUMNS} FROM users WHERE id = $1`, [id])
  return row ?? null
}

export async function getUserByName(db: StoreQueryable, username: string): Promise<User | null> {
  const [row] = await db.query<User>(`SELECT ${COLUMNS} FROM users WHERE username = $1`, [username])
  return row ?? null
}

export async function listUsers(db: StoreQueryable): Promise<User[]> {
  return db.query<User>(`SELECT ${COLUMNS} FROM users ORDER BY username`)
}

export async function updateUser(
  db: StoreQueryable,
  id: string,
  change: { display_name?: string; role?: PersonRole; disabled?: boolean },
  now: Date,
): Promise<User | null> {
  const [row] = await db.query<User>(
    `UPDATE users SET
       display_name = coalesce($2, display_name),
       role = coalesce($3, role),
       disabled = coalesce($4, disabled),
       updated_at = $5
     WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, change.display_name ?? null, change.role ?? null, change.disabled ?? null, now],
  )
  return row ?? null
}

export async function setPasswordHash(db: StoreQueryable, id: string, hash: string, now: Date): Promise<boolean> {
  const rows = await db.query('UPDATE users SET password_hash = $2, updated_at = $3 WHERE id = $1 RETURNING id', [id, hash, now])
  return rows.length === 1
}

/** Admins who may still act (not disabled): the last one must not be demoted or disabled. */
export async function activeAdmins(db: StoreQueryable): Promise<number> {
  const [row] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM users WHERE role = 'admin' AND NOT disabled")
  return row.n
}
