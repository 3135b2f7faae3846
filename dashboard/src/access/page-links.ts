// The pages a person's role opens (DOMAIN.md §5): the wall and the bulletins
// for everyone, the desk from officer, the lead's page from lead,
// administration for admins.
// The home page lists them and the header links them.
import { roleIncludes, type PersonRole } from '../../../schemas/roles.ts'
import type { WordKey } from '../i18n/dictionary.ts'

export interface PageLink {
  path: string
  /** The least role that opens it. */
  role: PersonRole
  title: WordKey
  about: WordKey
}

export const PAGE_LINKS: readonly PageLink[] = [
  { path: '/wall', role: 'viewer', title: 'home.wall', about: 'home.wallAbout' },
  { path: '/reports', role: 'viewer', title: 'home.reports', about: 'home.reportsAbout' },
  { path: '/desk', role: 'officer', title: 'home.desk', about: 'home.deskAbout' },
  { path: '/lead', role: 'lead', title: 'home.lead', about: 'home.leadAbout' },
  { path: '/admin', role: 'admin', title: 'home.admin', about: 'home.adminAbout' },
]

export const linksFor = (role: PersonRole): PageLink[] => PAGE_LINKS.filter((link) => roleIncludes(role, link.role))
