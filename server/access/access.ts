// The one access check. Every HTTP route and every socket event declares
// the least it needs (route-access.ts, the one place the tests enumerate);
// a caller is a person signed in with a role, a paired wall display, or a
// program with an API token; `decide` says whether that caller may. Nothing
// is open but what is declared public (signing in, pairing, first setup, the
// probes, and the page shell that carries no data).
import { roleIncludes, type PersonRole, type TokenScope } from '../../schemas/roles.ts'

export type Access =
  | { public: string }
  | {
      /** The least role of a person; absent: no person may (a display's or a program's only). */
      role?: PersonRole
      /** A paired wall display may. */
      wall?: boolean
      /** A program whose API token has this scope may. */
      scope?: TokenScope
    }

export type Principal =
  | { kind: 'person'; userId: string; username: string; displayName: string; role: PersonRole; sessionId: string; csrfToken: string }
  | { kind: 'device'; deviceId: string; name: string; layout: string; sessionId: string }
  | { kind: 'token'; tokenId: string; name: string; scopes: readonly TokenScope[] }

export type Decision = 'allow' | 'unauthenticated' | 'forbidden'

export const isPublic = (access: Access): access is { public: string } => 'public' in access

export function decide(access: Access, principal: Principal | null): Decision {
  if (isPublic(access)) return 'allow'
  if (principal === null) return 'unauthenticated'
  switch (principal.kind) {
    case 'person':
      return access.role !== undefined && roleIncludes(principal.role, access.role) ? 'allow' : 'forbidden'
    case 'device':
      return access.wall === true ? 'allow' : 'forbidden'
    case 'token':
      return access.scope !== undefined && principal.scopes.includes(access.scope) ? 'allow' : 'forbidden'
  }
}

/** Who it is, for the audit log and for messages: `alice`, `device:Hall left`, `token:prometheus`. */
export function actorOf(principal: Principal | null): { actor: string; role: string } {
  if (principal === null) return { actor: 'anonymous', role: 'none' }
  switch (principal.kind) {
    case 'person':
      return { actor: principal.username, role: principal.role }
    case 'device':
      return { actor: `device:${principal.name}`, role: 'wall' }
    case 'token':
      return { actor: `token:${principal.name}`, role: `token(${principal.scopes.join(' ')})` }
  }
}

/** The access a request for `method` `url` needs, in words, for a 403's message. */
export function describeAccess(access: Access): string {
  if (isPublic(access)) return 'open'
  const who = [
    access.role ? `a ${access.role} or above` : null,
    access.wall ? 'a paired wall display' : null,
    access.scope ? `an API token with scope ${access.scope}` : null,
  ].filter(Boolean)
  return who.join(', or ')
}
