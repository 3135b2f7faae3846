// A wall reloads itself when the server runs a newer dashboard build. If the
// page that comes back still differs (a cache in between, a server that
// reports a build it does not serve), it does not reload again for a while:
// a wall stuck in a reload loop shows nothing at all.
const KEY = 'wall-build-reload'
const RETRY_AFTER_MS = 10 * 60_000
// The server reports 'dev' when it has no build file; nothing to reload into.
const NO_BUILD = 'dev'

export const BUILD_ID = __BUILD_ID__

interface Attempt {
  build: string
  at: number
}

function lastAttempt(): Attempt | null {
  try {
    const text = window.sessionStorage.getItem(KEY)
    return text ? (JSON.parse(text) as Attempt) : null
  } catch {
    return null
  }
}

/**
 * Called with the build of every snapshot. Returns null when in step (or a
 * reload is under way), or the server's build when a reload for it was tried
 * already and did not help.
 */
export function checkBuild(serverBuild: string, now: number): string | null {
  if (serverBuild === BUILD_ID || serverBuild === NO_BUILD) return null
  const last = lastAttempt()
  if (last && last.build === serverBuild && now - last.at < RETRY_AFTER_MS) return serverBuild
  try {
    window.sessionStorage.setItem(KEY, JSON.stringify({ build: serverBuild, at: now }))
  } catch {
    // Without sessionStorage the guard cannot work; do not risk a loop.
    return serverBuild
  }
  window.location.reload()
  return null
}
