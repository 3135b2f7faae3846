// Sessions of people and of paired wall displays (OWASP ASVS V3). A session
// is an opaque 256-bit token in a cookie; only its hash is stored. A person's
// session dies after SESSION_IDLE_MINUTES without use and SESSION_MAX_HOURS
// after sign-in, however active; a display's slides for DEVICE_SESSION_DAYS
// of silence and rotates its token once a day, the old one staying good for
// a short grace so a second tab or a slow reconnect is never locked out.
// Ending a session (sign-out, expiry, revocation, a disabled user) takes
// effect at once: the short cache below is emptied, and listeners (the
// sockets) are told.
import type { StoreQueryable } from '../../core/store/store.ts'
import type { PersonRole } from '../../schemas/roles.ts'
import type { Principal } from '../access/access.ts'
import { newSecret, secretHash } from './secrets.ts'

export interface SessionPolicy {
  personIdleMs: number
  personMaxMs: number
  deviceIdleMs: number
  /** How often a display's token is replaced, and how long the one before stays good. */
  deviceRotateMs: number
  deviceGraceMs: number
}

export type SessionInfo = {
  id: string
  kind: 'person' | 'device'
  created_at: Date
  last_seen_at: Date
  expires_at: Date
  address: string
  user_agent: string
}

export interface Ended {
  sessionId: string
  userId: string | null
  deviceId: string | null
  reason: string
}

type Row = {
  id: string
  user_id: string | null
  device_id: string | null
  token_hash: string
  csrf_token: string
  created_at: Date
  last_seen_at: Date
  rotated_at: Date
  expires_at: Date
  username: string | null
  display_name: string | null
  role: PersonRole | null
  disabled: boolean | null
  device_name: string | null
  device_layout: string | null
  device_state: string | null
}

export interface Authenticated {
  principal: Extract<Principal, { kind: 'person' | 'device' }>
  /** A display's new token when its old one was due to be replaced: the caller sets it as the cookie. */
  rotatedToken?: string
}

// Long enough to spare a store read per request, short enough that a change
// made by another server process (a deployed cluster) shows within seconds.
const CACHE_MS = 5_000
// last_seen_at is written at most this often: a busy page must not write per request.
const TOUCH_EVERY_MS = 60_000

export class Sessions {
  private readonly cache = new Map<string, { at: number; result: Authenticated | null }>()
  private readonly listeners: Array<(ended: Ended) => void> = []
  private readonly rightsListeners: Array<(userId: string) => void> = []

  constructor(
    private readonly db: StoreQueryable,
    private readonly policy: SessionPolicy,
    private readonly now: () => Date,
  ) {}

  onEnded(listener: (ended: Ended) => void): void {
    this.listeners.push(listener)
  }

  async createForUser(userId: string, meta: { address: string; userAgent: string }): Promise<{ token: string; csrfToken: string; id: string }> {
    const now = this.now()
    return this.create({ user_id: userId, device_id: null, expires: new Date(now.getTime() + this.policy.personMaxMs) }, meta)
  }

  async createForDevice(deviceId: string, meta: { address: string; userAgent: string }): Promise<{ token: string; csrfToken: string; id: string }> {
    // A display's session has no end but silence or revocation: its expiry slides with each use.
    return this.create({ user_id: null, device_id: deviceId, expires: new Date(this.now().getTime() + this.policy.deviceIdleMs) }, meta)
  }

  private async create(
    owner: { user_id: string | null; device_id: string | null; expires: Date },
    meta: { address: string; userAgent: string },
  ): Promise<{ token: string; csrfToken: string; id: string }> {
    const now = this.now()
    const token = newSecret()
    const csrfToken = newSecret()
    const [row] = await this.db.query<{ id: string }>(
      `INSERT INTO sessions (user_id, device_id, token_hash, csrf_token, created_at, last_seen_at, rotated_at, expires_at, address, user_agent)
       VALUES ($1, $2, $3, $4, $5, $5, $5, $6, $7, $8) RETURNING id`,
      [owner.user_id, owner.device_id, secretHash(token), csrfToken, now, owner.expires, meta.address.slice(0, 100), meta.userAgent.slice(0, 300)],
    )
    return { token, csrfToken, id: row.id }
  }

  /** Who holds this token, or null (unknown, ended, expired, disabled, revoked). */
  async authenticate(token: string): Promise<Authenticated | null> {
    const hash = secretHash(token)
    const cached = this.cache.get(hash)
    const nowMs = this.now().getTime()
    if (cached && nowMs - cached.at < CACHE_MS) return cached.result
    const result = await this.lookup(hash)
    this.cache.set(hash, { at: nowMs, result: result && { principal: result.principal } })
    return result
  }

  private async lookup(hash: string): Promise<Authenticated | null> {
    const now = this.now()
    const [row] = await this.db.query<Row>(
      `SELECT s.id, s.user_id, s.device_id, s.token_hash, s.csrf_token, s.created_at, s.last_seen_at, s.rotated_at, s.expires_at,
              u.username, u.display_name, u.role, u.disabled, d.name AS device_name, d.layout AS device_layout, d.state AS device_state
       FROM sessions s LEFT JOIN users u ON u.id = s.user_id LEFT JOIN devices d ON d.id = s.device_id
       WHERE s.ended_at IS NULL AND (s.token_hash = $1 OR (s.previous_token_hash = $1 AND s.previous_valid_until > $2))`,
      [hash, now],
    )
    if (!row) return null
    const nowMs = now.getTime()
    const silentMs = nowMs - row.last_seen_at.getTime()
    if (row.user_id !== null) {
      if (row.disabled) return this.endWith(row, 'user disabled')
      if (nowMs >= row.expires_at.getTime()) return this.endWith(row, 'expired')
      if (silentMs >= this.policy.personIdleMs) return this.endWith(row, 'idle')
      if (silentMs >= TOUCH_EVERY_MS) await this.db.query('UPDATE sessions SET last_seen_at = $2 WHERE id = $1', [row.id, now])
      return {
        principal: {
          kind: 'person',
          userId: row.user_id,
          username: row.username!,
          displayName: row.display_name!,
          role: row.role!,
          sessionId: row.id,
          csrfToken: row.csrf_token,
        },
      }
    }
    if (row.device_state !== 'approved') return this.endWith(row, 'device revoked')
    if (nowMs >= row.expires_at.getTime()) return this.endWith(row, 'idle')
    const principal = { kind: 'device' as const, deviceId: row.device_id!, name: row.device_name!, layout: row.device_layout!, sessionId: row.id }
    if (row.token_hash === hash && nowMs - row.rotated_at.getTime() >= this.policy.deviceRotateMs) {
      const rotatedToken = newSecret()
      await this.db.query(
        `UPDATE sessions SET previous_token_hash = token_hash, previous_valid_until = $3, token_hash = $2, rotated_at = $4, last_seen_at = $4, expires_at = $5
         WHERE id = $1`,
        [row.id, secretHash(rotatedToken), new Date(nowMs + this.policy.deviceGraceMs), now, new Date(nowMs + this.policy.deviceIdleMs)],
      )
      return { principal, rotatedToken }
    }
    if (silentMs >= TOUCH_EVERY_MS) {
      await this.db.query('UPDATE sessions SET last_seen_at = $2, expires_at = $3 WHERE id = $1', [row.id, now, new Date(nowMs + this.policy.deviceIdleMs)])
    }
    return { principal }
  }

  private async endWith(row: Row, reason: string): Promise<null> {
    await this.endWhere('id = $1', [row.id], reason)
    return null
  }

  /** Ends one session; false when it was not found or already ended. */
  async end(sessionId: string, reason: string): Promise<boolean> {
    return (await this.endWhere('id = $1', [sessionId], reason)) > 0
  }

  async endAllOfUser(userId: string, reason: string): Promise<number> {
    return this.endWhere('user_id = $1', [userId], reason)
  }

  async endAllOfDevice(deviceId: string, reason: string): Promise<number> {
    return this.endWhere('device_id = $1', [deviceId], reason)
  }

  private async endWhere(condition: string, params: unknown[], reason: string): Promise<number> {
    const ended = await this.db.query<{ id: string; user_id: string | null; device_id: string | null }>(
      `UPDATE sessions SET ended_at = $${params.length + 1}, ended_reason = $${params.length + 2}
       WHERE ${condition} AND ended_at IS NULL RETURNING id, user_id, device_id`,
      [...params, this.now(), reason],
    )
    if (ended.length > 0) this.cache.clear()
    for (const e of ended) {
      for (const listener of this.listeners) listener({ sessionId: e.id, userId: e.user_id, deviceId: e.device_id, reason })
    }
    return ended.length
  }

  /** Forgets what is cached, after a change that bears on sessions (a display's name or layout). */
  forget(): void {
    this.cache.clear()
  }

  /** Told when a user's rights changed (their role): their sockets must connect again to take the new ones. */
  onRightsChanged(listener: (userId: string) => void): void {
    this.rightsListeners.push(listener)
  }

  /** A user's role changed: their sessions stay, but every check from now on sees the new role. */
  rightsChanged(userId: string): void {
    this.cache.clear()
    for (const listener of this.rightsListeners) listener(userId)
  }

  async listOfUser(userId: string): Promise<SessionInfo[]> {
    return this.db.query<SessionInfo>(
      `SELECT id, 'person' AS kind, created_at, last_seen_at, expires_at, address, user_agent
       FROM sessions WHERE user_id = $1 AND ended_at IS NULL ORDER BY last_seen_at DESC`,
      [userId],
    )
  }

  /** The user a session belongs to, for checking that a person ends only their own. */
  async ownerOf(sessionId: string): Promise<string | null> {
    const [row] = await this.db.query<{ user_id: string | null }>('SELECT user_id FROM sessions WHERE id = $1', [sessionId])
    return row?.user_id ?? null
  }
}
