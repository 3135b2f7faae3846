// An unpaired wall's side of pairing: ask for a code, show it, and poll at
// the server's interval until an administrator approves it. A code that
// expires is replaced by a new one at once, so the screen always shows one
// that works. A server that cannot be reached (a restart) keeps the code
// on screen and the polling going; the code lives in the server's store.
import type { PairedDevice, PairingStart } from '../../../schemas/access-api.ts'
import { pollPairing, startPairing } from '../api/pairing-api.ts'

export type PairingView =
  | { step: 'asking'; problem: string | null }
  | { step: 'showing'; code: string; expiresAt: number; problem: string | null }

export interface PairingListener {
  view(view: PairingView): void
  paired(device: PairedDevice): void
}

// Asking for a code again after a failure: soon, then less often.
const backoffMs = (failures: number) => Math.min(30_000, 2_000 * 2 ** Math.min(failures, 4))

/** Runs until the wall is paired or the returned stop() is called. */
export function runPairing(listener: PairingListener, now: () => number = Date.now): () => void {
  let stopped = false
  let timer: ReturnType<typeof setTimeout> | undefined
  let failures = 0
  const later = (ms: number, step: () => Promise<void>) => {
    timer = setTimeout(() => void step(), ms)
  }

  const ask = async (): Promise<void> => {
    let pairing: PairingStart
    try {
      pairing = await startPairing()
    } catch (err) {
      if (stopped) return
      listener.view({ step: 'asking', problem: (err as Error).message })
      later(backoffMs(failures++), ask)
      return
    }
    if (stopped) return
    failures = 0
    const shown = { step: 'showing', code: pairing.user_code, expiresAt: now() + pairing.expires_in * 1000 } as const
    listener.view({ ...shown, problem: null })

    const intervalMs = Math.max(1, pairing.interval) * 1000
    // The next poll, or the moment the code expires if that comes first.
    const next = () => later(Math.min(intervalMs, Math.max(0, shown.expiresAt - now())), poll)
    const poll = async (): Promise<void> => {
      if (now() >= shown.expiresAt) {
        listener.view({ step: 'asking', problem: null })
        return ask()
      }
      try {
        const result = await pollPairing(pairing.device_code)
        if (stopped) return
        if (result.state === 'approved') return listener.paired(result.device)
        if (result.state !== 'authorization_pending') {
          // Expired, unknown or refused: this code is done with, show a new one.
          listener.view({ step: 'asking', problem: null })
          return ask()
        }
        listener.view({ ...shown, problem: null })
      } catch (err) {
        if (stopped) return
        listener.view({ ...shown, problem: (err as Error).message })
      }
      next()
    }
    next()
  }

  void ask()
  return () => {
    stopped = true
    clearTimeout(timer)
  }
}
