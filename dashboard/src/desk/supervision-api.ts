// The desk's requests about supervision orders (督办): one order with its
// history, issuing one, and closing or returning a replied one. The server
// decides every state; the desk shows what it answered.
import type { SupervisionOutcome } from '../../../schemas/events.ts'
import type { IssueInput, SupervisionStepView, SupervisionView } from '../../../schemas/supervision.ts'
import { getJson, sendJson } from '../api/http.ts'

export const supervisionKey = (id: string) => ['supervision', id] as const

export function fetchSupervision(id: string, signal: AbortSignal): Promise<{ supervision: SupervisionView; history: SupervisionStepView[] }> {
  return getJson(`/api/v1/supervisions/${encodeURIComponent(id)}`, signal)
}

export const issueSupervision = (body: IssueInput): Promise<SupervisionView> => sendJson('POST', '/api/v1/supervisions', body)

export const closeSupervision = (id: string, outcome: SupervisionOutcome, comment: string): Promise<SupervisionView> =>
  sendJson('POST', `/api/v1/supervisions/${encodeURIComponent(id)}/close`, { outcome, ...(comment.trim() ? { comment: comment.trim() } : {}) })
