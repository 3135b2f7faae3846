// The alert actions and the detail of one alert (docs/alerting/engine.md,
// "API"), and silencing one from the desk. An action's answer is not applied here: the change comes back to
// every screen, this one included, over the socket (`alert`).
import type { Alert, AlertDetail, Silence } from '../../../schemas/alerts.ts'
import { getJson, sendJson } from '../api/http.ts'

export type AlertAction = 'ack' | 'escalate' | 'resolve'

export const fetchAlertDetail = (id: string, signal: AbortSignal): Promise<AlertDetail> => getJson<AlertDetail>(`/api/v1/alerts/${encodeURIComponent(id)}`, signal)

export const alertDetailKey = (id: string) => ['alert-detail', id] as const

export const actOnAlert = (id: string, action: AlertAction, comment: string): Promise<Alert> =>
  sendJson<Alert>('POST', `/api/v1/alerts/${encodeURIComponent(id)}/${action}`, { comment })

/** The durations the desk offers for a silence (the server takes any up to 24h). */
export const SILENCE_DURATIONS = ['30m', '1h', '4h'] as const
export type SilenceDuration = (typeof SILENCE_DURATIONS)[number]

/** A silence of exactly this alert's rule and scope (its fingerprint), from now for `duration`. */
export const silenceAlert = (id: string, duration: SilenceDuration, comment: string): Promise<Silence> =>
  sendJson<Silence>('POST', `/api/v1/alerts/${encodeURIComponent(id)}/silence`, { duration, comment })

/** Ends a silence now (whatever it matches: the detail lists what each one covers). */
export const endSilence = (silenceId: string): Promise<Silence> => sendJson<Silence>('DELETE', `/api/v1/silences/${encodeURIComponent(silenceId)}`)
