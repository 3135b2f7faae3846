// Wall displays, paired once in the style of the OAuth device grant (RFC
// 8628): an unpaired wall asks for a pairing and shows the short code; an
// administrator types it in with a name and a layout; the wall, polling with
// the secret device code, then receives a session of its own that keeps it
// signed in for months. Revoking a display ends its sessions at once.
import type { StoreQueryable } from '../../core/store/store.ts'
import { newSecret, newUserCode, normaliseUserCode, secretHash } from './secrets.ts'

export const PAIRING_TTL_MS = 10 * 60_000
/** How often a wall polls for its approval (RFC 8628 §3.5), in seconds: short, so a wall goes live as soon as its code is entered. */
export const POLL_INTERVAL_S = 2

export type Device = {
  id: string
  state: 'pending' | 'approved' | 'revoked'
  name: string
  layout: string
  approved_by: string | null
  approved_at: Date | null
  revoked_by: string | null
  revoked_at: Date | null
  created_at: Date
}

const COLUMNS = 'id, state, name, layout, approved_by, approved_at, revoked_by, revoked_at, created_at'

export type PollAnswer =
  | { state: 'approved'; device: Device }
  | { state: 'authorization_pending' | 'expired_token' | 'access_denied' | 'invalid_grant' }

export async function startPairing(db: StoreQueryable, now: Date, from: string): Promise<{ device_code: string; user_code: string; expires_in: number; interval: number }> {
  const deviceCode = newSecret('dc_')
  // A clash of two pending codes is unlikely (20^8); try again if it happens.
  for (let attempt = 0; ; attempt++) {
    const userCode = newUserCode()
    try {
      await db.query(
        `INSERT INTO devices (state, user_code, device_code_hash, pairing_expires_at, requested_from, created_at)
         VALUES ('pending', $1, $2, $3, $4, $5)`,
        [userCode, secretHash(deviceCode), new Date(now.getTime() + PAIRING_TTL_MS), from.slice(0, 100), now],
      )
      return { device_code: deviceCode, user_code: userCode, expires_in: PAIRING_TTL_MS / 1000, interval: POLL_INTERVAL_S }
    } catch (err) {
      if (attempt >= 3) throw err
    }
  }
}

/** What a polling wall learns: still pending, expired, or approved (then it gets a session). */
export async function pollPairing(db: StoreQueryable, deviceCode: string, now: Date): Promise<PollAnswer> {
  const [row] = await db.query<Device & { pairing_expires_at: Date }>(
    `SELECT ${COLUMNS}, pairing_expires_at FROM devices WHERE device_code_hash = $1`,
    [secretHash(deviceCode)],
  )
  if (!row) return { state: 'invalid_grant' }
  if (row.state === 'revoked') return { state: 'access_denied' }
  if (row.state === 'approved') {
    // The code is good for one session only: used, it is forgotten.
    await db.query("UPDATE devices SET device_code_hash = 'used:' || id WHERE id = $1", [row.id])
    return { state: 'approved', device: row }
  }
  if (row.pairing_expires_at.getTime() <= now.getTime()) return { state: 'expired_token' }
  return { state: 'authorization_pending' }
}

export class PairingCodeError extends Error {
  override name = 'PairingCodeError'
}

export async function approvePairing(
  db: StoreQueryable,
  typed: string,
  change: { name: string; layout: string; by: string },
  now: Date,
): Promise<Device> {
  const code = normaliseUserCode(typed)
  const [row] = await db.query<Device & { pairing_expires_at: Date }>(
    `SELECT ${COLUMNS}, pairing_expires_at FROM devices WHERE user_code = $1 AND state = 'pending'`,
    [code],
  )
  if (!row) throw new PairingCodeError(`no wall is showing the code ${code}: check the code on the screen, or let it show a new one`)
  if (row.pairing_expires_at.getTime() <= now.getTime()) {
    throw new PairingCodeError(`the code ${code} has expired: the wall shows a new one by itself; enter that one`)
  }
  const [device] = await db.query<Device>(
    `UPDATE devices SET state = 'approved', name = $2, layout = $3, approved_by = $4, approved_at = $5, user_code = NULL
     WHERE id = $1 RETURNING ${COLUMNS}`,
    [row.id, change.name, change.layout, change.by, now],
  )
  return device
}

export async function listDevices(db: StoreQueryable): Promise<Device[]> {
  return db.query<Device>(`SELECT ${COLUMNS} FROM devices WHERE state <> 'pending' ORDER BY state, name`)
}

export async function getDevice(db: StoreQueryable, id: string): Promise<Device | null> {
  const [row] = await db.query<Device>(`SELECT ${COLUMNS} FROM devices WHERE id = $1`, [id])
  return row ?? null
}

export async function updateDevice(db: StoreQueryable, id: string, change: { name?: string; layout?: string }): Promise<Device | null> {
  const [row] = await db.query<Device>(
    `UPDATE devices SET name = coalesce($2, name), layout = coalesce($3, layout) WHERE id = $1 AND state = 'approved' RETURNING ${COLUMNS}`,
    [id, change.name ?? null, change.layout ?? null],
  )
  return row ?? null
}

export async function revokeDevice(db: StoreQueryable, id: string, by: string, now: Date): Promise<Device | null> {
  const [row] = await db.query<Device>(
    `UPDATE devices SET state = 'revoked', revoked_by = $2, revoked_at = $3, user_code = NULL WHERE id = $1 AND state <> 'revoked' RETURNING ${COLUMNS}`,
    [id, by, now],
  )
  return row ?? null
}
