// A message on its way to one receiver, from the stage that decided it (a
// group flush, an escalation tier) to the one that sends it: what it says,
// under which idempotency key, what to write to the log when it is sent, and
// until when it may be retried.
import type { Alert } from '../../../schemas/alerts.ts'
import type { Receiver } from '../../../schemas/alerting-config.ts'
import type { Notice, Notification } from './notifier.ts'
import type { LogUpdate } from './notification-log.ts'

export interface Outgoing {
  receiver: Receiver
  /**
   * What the message is about (a group, an escalation): a newer message of
   * the same slot replaces one still waiting for the rate limit, and a slot
   * being sent is not sent again until that send is settled.
   */
  slot: string
  key: string
  reason: Notification['reason']
  groupLabels: Record<string, string>
  /** Every alert it carries (the text lists the first few); all are recorded on the attempt. */
  firing: Alert[]
  resolved: Alert[]
  /** The log's rows to write when it is sent. */
  log: LogUpdate[]
  /** The last attempt starts before this instant (epoch ms); a send still running then is aborted. */
  deadline: number
  /** Told once, when the first attempt is recorded (or the key turned out sent already): escalation records the tier then. */
  onFirstAttempt?: () => Promise<void>
  /** A notice instead of alerts: never merged into a digest. */
  notice?: Notice
  /** Slots it stands for (a digest stands for those it merged); its own slot otherwise. */
  slots?: string[]
}

export const alertIdsOf = (o: Outgoing): string[] => [...new Set([...o.firing, ...o.resolved].map((a) => a.id))]
