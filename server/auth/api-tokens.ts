// API tokens of programs (event producers, Prometheus): named, with scopes,
// shown once when created (only a hash is kept), revocable at once. Sent as
// `Authorization: Bearer <token>`; never in a URL, which leaks into logs and
// history.
import type { StoreQueryable } from '../../core/store/store.ts'
import type { TokenScope } from '../../schemas/roles.ts'
import type { Principal } from '../access/access.ts'
import { newSecret, secretHash } from './secrets.ts'

export type ApiToken = {
  id: string
  name: string
  scopes: TokenScope[]
  created_by: string
  created_at: Date
  last_used_at: Date | null
  revoked_by: string | null
  revoked_at: Date | null
}

const COLUMNS = 'id, name, scopes, created_by, created_at, last_used_at, revoked_by, revoked_at'
const TOKEN_PREFIX = 'cc_'
const CACHE_MS = 5_000
const TOUCH_EVERY_MS = 60_000

export class TokenNameTakenError extends Error {
  override name = 'TokenNameTakenError'
}

export class ApiTokens {
  private readonly cache = new Map<string, { at: number; principal: Extract<Principal, { kind: 'token' }> | null }>()
  private readonly touched = new Map<string, number>()
  private readonly revokedListeners: Array<(tokenId: string) => void> = []

  constructor(
    private readonly db: StoreQueryable,
    private readonly now: () => Date,
  ) {}

  /** Told of each revocation, so the token's sockets close at once. */
  onRevoked(listener: (tokenId: string) => void): void {
    this.revokedListeners.push(listener)
  }

  async create(name: string, scopes: TokenScope[], by: string): Promise<{ token: ApiToken; secret: string }> {
    const taken = await this.db.query('SELECT 1 FROM api_tokens WHERE name = $1', [name])
    if (taken.length > 0) throw new TokenNameTakenError(`a token named "${name}" exists; revoke it or choose another name`)
    const secret = newSecret(TOKEN_PREFIX)
    const [token] = await this.db.query<ApiToken>(
      `INSERT INTO api_tokens (name, scopes, token_hash, created_by, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
      [name, scopes, secretHash(secret), by, this.now()],
    )
    return { token, secret }
  }

  list(): Promise<ApiToken[]> {
    return this.db.query<ApiToken>(`SELECT ${COLUMNS} FROM api_tokens ORDER BY revoked_at IS NOT NULL, name`)
  }

  async revoke(id: string, by: string): Promise<ApiToken | null> {
    const [row] = await this.db.query<ApiToken>(
      `UPDATE api_tokens SET revoked_by = $2, revoked_at = $3 WHERE id = $1 AND revoked_at IS NULL RETURNING ${COLUMNS}`,
      [id, by, this.now()],
    )
    this.cache.clear()
    if (row) for (const listener of this.revokedListeners) listener(row.id)
    return row ?? null
  }

  /** The program behind a bearer token, or null (unknown or revoked). */
  async authenticate(secret: string): Promise<Extract<Principal, { kind: 'token' }> | null> {
    if (!secret.startsWith(TOKEN_PREFIX)) return null
    const hash = secretHash(secret)
    const nowMs = this.now().getTime()
    const cached = this.cache.get(hash)
    if (cached && nowMs - cached.at < CACHE_MS) return cached.principal
    const [row] = await this.db.query<{ id: string; name: string; scopes: TokenScope[] }>(
      'SELECT id, name, scopes FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL',
      [hash],
    )
    const principal = row ? { kind: 'token' as const, tokenId: row.id, name: row.name, scopes: row.scopes } : null
    this.cache.set(hash, { at: nowMs, principal })
    if (row && nowMs - (this.touched.get(row.id) ?? 0) >= TOUCH_EVERY_MS) {
      this.touched.set(row.id, nowMs)
      await this.db.query('UPDATE api_tokens SET last_used_at = $2 WHERE id = $1', [row.id, this.now()])
    }
    return principal
  }
}
