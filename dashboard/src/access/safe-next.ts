// Where to go after signing in: the `next` a page was sent to /login with,
// if it is a path on this site; anything else (another site, a scheme-
// relative "//host", a malformed value, the sign-in pages themselves) goes
// home, so a crafted link cannot send someone elsewhere after they sign in.
const SIGN_IN_PAGES = new Set(['/login', '/setup'])

export function safeNext(raw: string | null, origin: string): string {
  if (!raw || !raw.startsWith('/')) return '/'
  let url: URL
  try {
    url = new URL(raw, origin)
  } catch {
    return '/'
  }
  if (url.origin !== origin || SIGN_IN_PAGES.has(url.pathname)) return '/'
  return `${url.pathname}${url.search}${url.hash}`
}
