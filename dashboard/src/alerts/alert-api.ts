// The alert actions and the detail of one alert (docs/alerting/engine.md,
// "API"). An action's answer is not applied here: the change comes back to
// every screen, this one included, over the socket (`alert`).
import type { Alert, AlertDetail } from '../../../schemas/alerts.ts'
import { getJson, sendJson } from '../api/http.ts'

export type AlertAction = 'ack' | 'escalate' | 'resolve'

export const fetchAlertDetail = (id: string, signal: AbortSignal): Promise<AlertDetail> => getJson<AlertDetail>(`/api/v1/alerts/${encodeURIComponent(id)}`, signal)

export const alertDetailKey = (id: string) => ['alert-detail', id] as const

export const actOnAlert = (id: string, action: AlertAction, comment: string): Promise<Alert> =>
  sendJson<Alert>('POST', `/api/v1/alerts/${encodeURIComponent(id)}/${action}`, { comment })
