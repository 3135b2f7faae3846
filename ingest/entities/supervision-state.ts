// A supervision order as the ingest sees it, folded from its events: only
// what judging timeliness needs (migration 012). Each supervision.issued
// opens a round with its deadline (an order returned for rework is issued
// again); the round's first reply is the one that counts, on time or late.
// The order itself, with its history, lives in PostgreSQL (the server's).
import type { DomainEvent } from '../../schemas/events.ts'
import type { Enrichment } from '../event-row.ts'
import { chTime, chTimeOrNull, msFromCh } from '../../core/time-format.ts'

export type SupervisionEvent = Extract<DomainEvent, { type: `supervision.${string}` }>

export interface SupervisionState {
  supervision_id: string
  region: string
  team: string
  round_issued_at: number | null
  round_due_at: number | null
  round_replied: boolean
  updated_at: number
}

export function newSupervision(id: string, region: string): SupervisionState {
  return { supervision_id: id, region, team: '', round_issued_at: null, round_due_at: null, round_replied: false, updated_at: 0 }
}

export function applySupervisionEvent(s: SupervisionState, event: SupervisionEvent): Enrichment {
  const t = Date.parse(event.occurred_at)
  s.updated_at = Math.max(s.updated_at, t)
  if (event.type === 'supervision.issued') {
    const due = Date.parse(event.due_at)
    // An issue older than the round held is an earlier round arriving late:
    // its deadline still counts, but it does not replace the current round.
    if (s.round_issued_at === null || t >= s.round_issued_at) {
      s.region = event.region
      s.team = event.team
      s.round_issued_at = t
      s.round_due_at = due
      s.round_replied = false
    }
    return { team: event.team, ref_region: event.region, deadline_at: due }
  }
  const enrichment: Enrichment = { team: s.team, ref_region: s.region }
  // A reply made before the round was issued answered an earlier round.
  if (event.type === 'supervision.replied' && s.round_issued_at !== null && !s.round_replied && t >= s.round_issued_at) {
    s.round_replied = true
    enrichment.deadline_at = s.round_due_at
  }
  return enrichment
}

export function supervisionRow(s: SupervisionState, version: number): Record<string, unknown> {
  return {
    ...s,
    round_issued_at: chTimeOrNull(s.round_issued_at),
    round_due_at: chTimeOrNull(s.round_due_at),
    round_replied: s.round_replied ? 1 : 0,
    updated_at: chTime(s.updated_at),
    version,
  }
}

export function supervisionFromRow(row: Record<string, unknown>): SupervisionState {
  return {
    supervision_id: String(row.supervision_id),
    region: String(row.region),
    team: String(row.team),
    round_issued_at: msFromCh(row.round_issued_at as string | null),
    round_due_at: msFromCh(row.round_due_at as string | null),
    round_replied: Number(row.round_replied) === 1,
    updated_at: msFromCh(row.updated_at as string) ?? 0,
  }
}
