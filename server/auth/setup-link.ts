// The first administrator, without a default account: on a start with no
// users, a one-time setup link (valid 24 hours, single use) is printed on the
// console; whoever opens it creates the first administrator. Once anyone
// exists, no link is made and none is accepted.
import type { StoreQueryable } from '../../core/store/store.ts'
import { countUsers } from '../people/users.ts'
import { newSecret, secretHash } from './secrets.ts'

export const SETUP_LINK_TTL_MS = 24 * 3_600_000

/** A new setup token when nobody can sign in yet, else null. Earlier unused links stop working. */
export async function issueSetupLink(db: StoreQueryable, now: Date): Promise<string | null> {
  if ((await countUsers(db)) > 0) return null
  const token = newSecret('setup_')
  await db.query('UPDATE setup_links SET expires_at = $1 WHERE used_at IS NULL AND expires_at > $1', [now])
  await db.query('INSERT INTO setup_links (token_hash, created_at, expires_at) VALUES ($1, $2, $3)', [
    secretHash(token),
    now,
    new Date(now.getTime() + SETUP_LINK_TTL_MS),
  ])
  return token
}

/** Uses the link up (within the caller's transaction); false when it is unknown, used, expired, or users exist. */
export async function redeemSetupLink(db: StoreQueryable, token: string, now: Date): Promise<boolean> {
  if ((await countUsers(db)) > 0) return false
  const used = await db.query(
    'UPDATE setup_links SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING token_hash',
    [secretHash(token), now],
  )
  return used.length === 1
}
