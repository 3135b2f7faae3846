// The desk's requests about the shift: who is on duty, the shift's own
// figures, the handovers (the last one, the draft of the shift at the
// nearest boundary), handing over and confirming.
import type { Handover, HandoverDraft, ShiftKpi } from '../../../schemas/handover.ts'
import { getJson, sendJson } from '../api/http.ts'

export interface ShiftFigures {
  at: string
  shift: { id: string; name: string; date: string; starts_at: string; ends_at: string } | null
  team: string | null
  lead: string | null
  kpis: ShiftKpi[]
}

export const fetchShiftFigures = (signal: AbortSignal) => getJson<ShiftFigures>('/api/v1/shifts/current/figures', signal)
export const fetchLastHandover = async (signal: AbortSignal): Promise<Handover | null> =>
  (await getJson<{ items: Handover[] }>('/api/v1/handovers?limit=1', signal)).items[0] ?? null
export const fetchDraft = (signal: AbortSignal) => getJson<HandoverDraft>('/api/v1/handovers/draft', signal)
export const handOver = (notes: string) => sendJson<Handover>('POST', '/api/v1/handovers', { notes })
export const confirmHandover = (id: string) => sendJson<Handover>('POST', `/api/v1/handovers/${encodeURIComponent(id)}/confirm`)

/** Every query of the shift card: invalidated together when the log says the shift changed hands. */
export const SHIFT_KEYS = { figures: ['shift-figures'], last: ['handover-last'], draft: ['handover-draft'] } as const
