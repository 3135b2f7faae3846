// What the rules of one tick are judged on: the tick's snapshots (the
// territory's and every region's computed), and what snapshots do not hold
// whole or at all, read only when a rule asks: every overdue order and
// active outage (snapshots list the most urgent only), the supervision
// orders nobody answered, the walls' heartbeats, the rate of dead letters.
import type { Snapshot } from '../../../schemas/snapshot.ts'
import type { EntitiesNow } from '../../kpi/kpi-engine.ts'
import type { UnansweredSupervision } from '../../supervision/unanswered-supervisions.ts'
import type { Verdict } from './verdict.ts'

export interface DisplayNow {
  device_id: string
  name: string
  /** Epoch ms of its last heartbeat. */
  last_seen: number
}

/** A shift still unconfirmed past the reminder time after its boundary (server/handover). */
export interface HandoverDue {
  /** The shift's key: its local date and id. */
  key: string
  shift_name: string
  date: string
  /** Epoch ms of its end, when the incoming shift took over. */
  boundary: number
  incoming_lead: string | null
  /** Its record when it was handed over (not yet confirmed); null when it was not. */
  handover_id: string | null
}

export interface TickInput {
  at: number
  territory: Snapshot
  regions: ReadonlyMap<string, Snapshot>
  /** Every scope computed: when not, only data rules are judged (the rest would judge a failed tick's leftovers). */
  complete: boolean
  entities(): EntitiesNow
  /** Supervision orders unanswered past their reminder and its grace. */
  supervisions(): UnansweredSupervision[]
  /** The approved walls heard from since the server started. */
  displays(): DisplayNow[]
  /** Dead letters a minute over the last 5 minutes, of one source or all (null); null while not yet read. */
  deadLettersPerMinute(source: string | null): number | null
  /** Shifts whose handover is still unconfirmed past the reminder time. */
  handovers(): HandoverDue[]
}

/**
 * One rule's verdict on one scope. `key` is the scope's value ('' for the
 * total); `subject` is what the scope is about (a breakdown cell's code, an
 * order, an outage, a source), read only when a new alert is made of it.
 */
export type Judge = (key: string, verdict: Verdict, value: number | null, threshold: number | null, subject?: unknown) => void
