// The operations log (运行日志, DOMAIN.md §4) as the API answers it and every
// desk shows it (the socket's `log` events): the categories and the kinds of
// entity an entry may be about, defined once here for the server's routes,
// its migration 007 (whose CHECK lists the same categories) and the desk.

export const LOG_CATEGORIES = ['shift', 'alert', 'supervision', 'outage', 'workorder', 'display', 'source', 'note'] as const
export type LogCategory = (typeof LOG_CATEGORIES)[number]

export const LOG_TARGET_TYPES = ['alert', 'supervision', 'workorder', 'outage', 'display', 'source', 'handover'] as const
export type LogTargetType = (typeof LOG_TARGET_TYPES)[number]

/** The author of the entries the system writes itself. */
export const SYSTEM_AUTHOR = 'system'

export interface LogEntry {
  id: number
  /** ISO 8601 UTC. */
  at: string
  category: LogCategory
  text: string
  target_type: LogTargetType | null
  target_id: string | null
  /** A username, or "system". */
  author: string
  author_name: string
  /** What the system reported ("alert.firing", "supervision.overdue", "handover.confirmed", …); null for a person's entry. */
  kind: string | null
  /** Worth reading at the handover: every person's entry, and the system's that say something went wrong. */
  notable: boolean
}
