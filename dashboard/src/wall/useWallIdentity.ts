// Who the wall is, asked of the server when it mounts and again whenever its
// live connection says the session ended or was refused: a paired display,
// a person, or nobody (the pairing screen). Only a definite answer counts:
// while the server cannot be reached (a restart) the question is repeated
// with backoff and the wall stays as it was, so a display that is still
// paired never drops to its pairing screen for a network fault.
import { useCallback, useEffect, useRef, useState } from 'react'
import { fetchMe } from '../api/session-api.ts'
import { sessionActions, useIdentity, type Identity } from '../stores/session-store.ts'

const backoffMs = (failures: number) => Math.min(30_000, 1_000 * 2 ** Math.min(failures, 5))

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms)
    signal.addEventListener('abort', () => {
      clearTimeout(timer)
      resolve()
    })
  })
}

export interface WallIdentity {
  identity: Identity
  /** Why the last question went unanswered (the server unreachable), or null. */
  problem: string | null
  /** Ask again; a question already under way is not doubled. */
  recheck(): void
}

export function useWallIdentity(): WallIdentity {
  const identity = useIdentity()
  const [problem, setProblem] = useState<string | null>(null)
  const asking = useRef<AbortController | null>(null)

  const recheck = useCallback(() => {
    if (asking.current) return
    const abort = new AbortController()
    asking.current = abort
    void (async () => {
      for (let failures = 0; !abort.signal.aborted; failures++) {
        try {
          const me = await fetchMe(abort.signal)
          if (abort.signal.aborted) break
          sessionActions.learned(me)
          setProblem(null)
          break
        } catch (err) {
          if (abort.signal.aborted) break
          setProblem((err as Error).message)
          await pause(backoffMs(failures), abort.signal)
        }
      }
      if (asking.current === abort) asking.current = null
    })()
  }, [])

  useEffect(() => {
    recheck()
    return () => {
      asking.current?.abort()
      asking.current = null
    }
  }, [recheck])

  return { identity, problem, recheck }
}
