// The answers of the access API (server/routes/auth.ts, devices.ts, users.ts,
// tokens.ts, audit.ts) as plain types, for the dashboard, which may not
// import the server. The server's response schemas are the contract; these
// follow them field for field.
import type { PersonRole, TokenScope } from './roles.ts'

export interface SignedInUser {
  username: string
  role: PersonRole
  display_name: string
}

/** POST /api/v1/auth/login and POST /api/v1/auth/setup. */
export interface SignedIn {
  user: SignedInUser
  /** Sent back as X-CSRF-Token with every request that changes something. */
  csrf_token: string
}

export interface PairedDevice {
  id: string
  name: string
  layout: string
}

/** GET /api/v1/auth/me: a person (with the CSRF token) or a paired wall display. */
export type Me = { kind: 'person'; user: SignedInUser; csrf_token: string } | { kind: 'device'; device: PairedDevice }

/** GET /api/v1/auth/sessions, one of mine. */
export interface OwnSession {
  id: string
  current: boolean
  created_at: string
  last_seen_at: string
  expires_at: string
  address: string
  user_agent: string
}

/** POST /api/v1/devices/pairing (RFC 8628 device authorization response). */
export interface PairingStart {
  device_code: string
  /** What the wall shows and an administrator types: 8 letters. */
  user_code: string
  expires_in: number
  /** Seconds between two polls. */
  interval: number
}

/** POST /api/v1/devices/token until approved: a 400 with one of these. */
export interface PairingPending {
  error: 'authorization_pending' | 'expired_token' | 'access_denied' | 'invalid_grant'
  error_description: string
}

/** POST /api/v1/devices/token once approved (the device cookie comes with it). */
export interface PairingApproved {
  device: PairedDevice
}

/** GET /api/v1/devices, one display with its health. */
export interface DisplayItem {
  id: string
  name: string
  layout: string
  state: 'approved' | 'revoked'
  approved_by: string | null
  approved_at: string | null
  revoked_by: string | null
  revoked_at: string | null
  connected: boolean
  /** Connected once, and no heartbeat for three intervals. */
  silent: boolean
  /** The last heartbeat. */
  last_seen: string | null
  build: string | null
  updates_per_minute: number | null
  js_heap_bytes: number | null
  screen: { width: number; height: number } | null
}

/** GET /api/v1/users, one user. */
export interface UserItem {
  id: string
  username: string
  display_name: string
  role: PersonRole
  disabled: boolean
  created_at: string
  updated_at: string
}

/** GET /api/v1/tokens, one token (never the secret). */
export interface TokenItem {
  id: string
  name: string
  scopes: TokenScope[]
  created_by: string
  created_at: string
  last_used_at: string | null
  revoked_by: string | null
  revoked_at: string | null
}

/** POST /api/v1/tokens: the secret, in this answer only. */
export interface CreatedToken {
  id: string
  token: string
}

/** GET /api/v1/audit, one entry. */
export interface AuditEntry {
  id: number
  at: string
  actor: string
  role: string
  action: string
  target: string
  address: string
  outcome: string
  detail: Record<string, unknown>
}

export interface AuditPage {
  total: number
  items: AuditEntry[]
}

/** Every error answer but the pairing poll's. */
export interface ErrorAnswer {
  statusCode: number
  code: string
  message: string
}
