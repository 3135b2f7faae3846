// What each API token scope lets a program do, in words (schemas/roles.ts).
import type { TokenScope } from '../../../schemas/roles.ts'
import type { WordKey } from '../i18n/dictionary.ts'

export const SCOPE_ABOUT: Record<TokenScope, WordKey> = {
  'events:write': 'tokens.scopeEvents',
  'metrics:read': 'tokens.scopeMetrics',
  read: 'tokens.scopeRead',
}
