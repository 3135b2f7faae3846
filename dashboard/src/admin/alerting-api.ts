// The alerting configuration calls of /admin/alerting: the configuration in
// force (secrets masked by the server), a rule replaced whole, and a reload
// of ALERTING_FILE. A refused change carries every problem, one line each.
import type { Rule } from '../../../schemas/alerting-config.ts'
import { ApiError, getJson, sendJson } from '../api/http.ts'

export interface AlertingConfigAnswer {
  origin: string
  file: string | null
  rules: Rule[]
  receivers: Array<{ id: string; type: string }>
  routes: Array<{ match: Record<string, string>; receivers: string[] }>
  escalation: { tiers: Array<{ after: string; notify: string[] }> } | null
  roster: { shifts: Array<{ id: string; name: string; start: string; end: string }> } | null
  edits: Array<{ section: string; id: string; state: 'edited' | 'added' | 'deleted'; by: string; at: string }>
  set_aside: Array<{ section: string; id: string; by: string; at: string; problems: string[] }>
}

export const alertingKeys = { config: ['admin', 'alerting'] as const }

const id = encodeURIComponent

export const alertingApi = {
  config: (signal: AbortSignal) => getJson<AlertingConfigAnswer>('/api/v1/alerting/config', signal),
  putRule: (rule: Rule) => sendJson<Rule>('PUT', `/api/v1/alerting/rules/${id(rule.id)}`, rule),
  reload: () => sendJson<{ origin: string }>('POST', '/api/v1/alerting/reload'),
}

/** Every problem the server named for a refused change; the message alone for any other error. */
export function problemsOf(error: unknown): string[] {
  if (error instanceof ApiError) {
    const problems = (error.body as { problems?: unknown } | null)?.problems
    if (Array.isArray(problems) && problems.every((p) => typeof p === 'string')) return problems
  }
  return [error instanceof Error ? error.message : String(error)]
}
