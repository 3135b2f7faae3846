// One word for how a display is: revoked, offline (no socket), silent
// (connected, but no heartbeat for three intervals: a frozen page), or live.
import type { DisplayItem } from '../../../schemas/access-api.ts'
import type { WordKey } from '../i18n/dictionary.ts'

export type DisplayState = 'revoked' | 'offline' | 'silent' | 'live'

export function displayState(d: DisplayItem): DisplayState {
  if (d.state === 'revoked') return 'revoked'
  if (!d.connected) return 'offline'
  return d.silent ? 'silent' : 'live'
}

export const STATE_WORD: Record<DisplayState, WordKey> = {
  revoked: 'displays.revoked',
  offline: 'displays.offline',
  silent: 'displays.silent',
  live: 'displays.live',
}
