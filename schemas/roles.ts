// Who may do what (DOMAIN.md §5), shared by the server, which decides, and
// the dashboard, which offers only what the role allows. People have one of
// four roles, each including the ones before it; a paired wall display is
// not a person and sees its wall only; programs hold API tokens with scopes.

export const PERSON_ROLES = ['viewer', 'officer', 'lead', 'admin'] as const
export type PersonRole = (typeof PERSON_ROLES)[number]
export type Role = PersonRole | 'wall'
export const ROLES: readonly Role[] = [...PERSON_ROLES, 'wall']

export const TOKEN_SCOPES = ['events:write', 'metrics:read', 'read'] as const
export type TokenScope = (typeof TOKEN_SCOPES)[number]

/** Whether a person's role includes `needed` (viewer < officer < lead < admin). */
export function roleIncludes(role: PersonRole, needed: PersonRole): boolean {
  return PERSON_ROLES.indexOf(role) >= PERSON_ROLES.indexOf(needed)
}

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  viewer: { zh: '查看员', en: 'Viewer' },
  officer: { zh: '值班员', en: 'Duty officer' },
  lead: { zh: '值班长', en: 'Shift lead' },
  admin: { zh: '管理员', en: 'Administrator' },
  wall: { zh: '大屏', en: 'Wall display' },
}
