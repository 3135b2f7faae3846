// What the routes of people and access share, made once by the app: the
// store, sessions, API tokens, the audit record, the sign-in throttle and
// the clock.
import type { ClickHouseClient } from '@clickhouse/client'
import type { Store } from '../../core/store/store.ts'
import { AuditLog, type AuditLogger } from '../audit/audit-log.ts'
import { ApiTokens } from './api-tokens.ts'
import { LoginThrottle } from './login-throttle.ts'
import { Sessions, type SessionPolicy } from './sessions.ts'

export interface AccessServices {
  store: Store
  sessions: Sessions
  tokens: ApiTokens
  audit: AuditLog
  throttle: LoginThrottle
  policy: SessionPolicy
  publicUrl: URL | undefined
  now: () => Date
}

export function accessServices(opts: {
  store: Store
  clickhouse: ClickHouseClient
  policy: SessionPolicy
  publicUrl: URL | undefined
  now: () => Date
  logger: AuditLogger
}): AccessServices {
  const { store, policy, now } = opts
  return {
    store,
    sessions: new Sessions(store, policy, now),
    tokens: new ApiTokens(store, now),
    audit: new AuditLog(store, opts.clickhouse, now, opts.logger),
    throttle: new LoginThrottle(() => now().getTime()),
    policy,
    publicUrl: opts.publicUrl,
    now,
  }
}
