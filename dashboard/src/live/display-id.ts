// A wall's stable name for the server's display list: made once, kept in
// localStorage, so the same screen keeps its id across reloads and restarts.
const KEY = 'wall-display-id'

function fresh(): string {
  const random = typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`
  return `wall-${random}`
}

export function displayId(): string {
  try {
    const known = window.localStorage.getItem(KEY)
    if (known) return known
    const id = fresh()
    window.localStorage.setItem(KEY, id)
    return id
  } catch {
    // Without storage the id lives as long as the page; better than none.
    return fresh()
  }
}
