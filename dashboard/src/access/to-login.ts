// Sends the browser to sign in, and back to where it was afterwards. A whole
// page load, not a route change: whatever the page held for the session that
// ended goes with it.
export function toLogin(): void {
  const here = `${window.location.pathname}${window.location.search}`
  window.location.assign(`/login?next=${encodeURIComponent(here)}`)
}
