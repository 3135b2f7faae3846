// A role as people read it, in the screen's language (schemas/roles.ts).
import { ROLE_LABELS, type Role } from '../../../schemas/roles.ts'
import { pick } from '../i18n/lang.ts'

export const roleLabel = (role: Role): string => pick(ROLE_LABELS[role].zh, ROLE_LABELS[role].en)
