// Stage 2b, dedup: whether a group flush has anything to tell a receiver,
// given what the notification log says it was last told. Alertmanager's
// DedupStage decision (notify/dedup_stage.go), with one change for people who
// acknowledge: a group whose firing alerts are all acknowledged is not
// repeated (someone owns it; escalation stopped too).

/** What the log holds for one receiver and group: the alerts (ids) last sent as firing and as resolved, and when. */
export interface LogEntry {
  firing: readonly string[]
  resolved: readonly string[]
  sentAt: number
}

export type SendReason = 'first' | 'new_alerts' | 'all_resolved' | 'new_resolved' | 'repeat'

export interface GroupState {
  firing: ReadonlySet<string>
  resolved: ReadonlySet<string>
  /** Some firing alert is not acknowledged. */
  unacknowledged: boolean
}

const subset = (a: ReadonlySet<string>, b: readonly string[]) => {
  const of = new Set(b)
  for (const x of a) if (!of.has(x)) return false
  return true
}

/** Why to send, or null for nothing new. `all_resolved` is returned whatever send_resolved says: it clears the log. */
export function needsSend(
  entry: LogEntry | undefined,
  group: GroupState,
  opts: { sendResolved: boolean; repeatIntervalMs: number; now: number },
): SendReason | null {
  if (!entry) return group.firing.size > 0 ? 'first' : null
  if (!subset(group.firing, entry.firing)) return entry.firing.length === 0 ? 'first' : 'new_alerts'
  if (group.firing.size === 0) return entry.firing.length > 0 ? 'all_resolved' : null
  if (opts.sendResolved && !subset(group.resolved, entry.resolved)) return 'new_resolved'
  if (group.unacknowledged && entry.sentAt + opts.repeatIntervalMs <= opts.now) return 'repeat'
  return null
}
