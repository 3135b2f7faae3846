// The session cookies: one for a person, one for a paired wall display (a
// screen in the hall may be both a display and, for a moment, a person's).
// HttpOnly and SameSite=Strict always; Secure with the __Host- prefix when the
// server is reached over HTTPS (the request says so, or PUBLIC_URL is https),
// which also pins the cookie to this host and path /.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { SessionPolicy } from '../auth/sessions.ts'

export type CookieKind = 'person' | 'device'

const BASE: Record<CookieKind, string> = { person: 'cc_session', device: 'cc_display' }
export function secureRequest(request: FastifyRequest, publicUrl: URL | undefined): boolean {
  return request.protocol === 'https' || publicUrl?.protocol === 'https:'
}

export const cookieName = (kind: CookieKind, secure: boolean): string => (secure ? `__Host-${BASE[kind]}` : BASE[kind])

/** The token of a kind of session the request carries, under either name. */
export function readCookie(request: FastifyRequest, kind: CookieKind): string | undefined {
  return request.cookies[`__Host-${BASE[kind]}`] ?? request.cookies[BASE[kind]]
}

export function setSessionCookie(reply: FastifyReply, kind: CookieKind, token: string, secure: boolean, policy: SessionPolicy): void {
  reply.setCookie(cookieName(kind, secure), token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure,
    // A person's cookie lasts the session's absolute life, a display's its
    // silence limit (each use slides it); the server ends either sooner.
    maxAge: Math.floor((kind === 'person' ? policy.personMaxMs : policy.deviceIdleMs) / 1000),
  })
}

export function clearSessionCookie(reply: FastifyReply, kind: CookieKind, secure: boolean): void {
  reply.clearCookie(cookieName(kind, secure), { path: '/', httpOnly: true, sameSite: 'strict', secure })
}
