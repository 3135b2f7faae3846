// The notification log (Alertmanager's nflog): per receiver and group, what
// was last sent as firing and as resolved, and when. Read once at start and
// kept in memory, so a group flush decides without a round-trip to the store;
// written to the store in the same statement that records the send
// (deliveries-store.ts), so the table and the memory never disagree about a
// send that happened. A second pipeline over the same store starts from it
// and sends nothing that was sent.
import type { StoreQueryable } from '../../../core/store/store.ts'
import type { LogEntry } from './dedup.ts'

/** A row to write when a send succeeds: the group's alerts (ids) as that message told them. */
export interface LogUpdate {
  groupKey: string
  firing: string[]
  resolved: string[]
  /** The flush that decided it (its tick, so repeat intervals count from the tick, as Alertmanager's do). */
  at: number
}

const id = (receiverId: string, groupKey: string) => `${receiverId}\u0000${groupKey}`

export class NotificationLog {
  private entries = new Map<string, LogEntry>()

  async load(db: StoreQueryable): Promise<void> {
    const rows = await db.query<{ receiver_id: string; group_key: string; firing: string[]; resolved: string[]; sent_at: Date }>(
      'SELECT receiver_id, group_key, firing, resolved, sent_at FROM notification_log',
    )
    this.entries = new Map(rows.map((r) => [id(r.receiver_id, r.group_key), { firing: r.firing, resolved: r.resolved, sentAt: r.sent_at.getTime() }]))
  }

  get(receiverId: string, groupKey: string): LogEntry | undefined {
    return this.entries.get(id(receiverId, groupKey))
  }

  /** After the store recorded a send: never replaced by an older one. */
  apply(receiverId: string, updates: readonly LogUpdate[]): void {
    for (const u of updates) {
      const key = id(receiverId, u.groupKey)
      const old = this.entries.get(key)
      if (old && old.sentAt > u.at) continue
      this.entries.set(key, { firing: u.firing, resolved: u.resolved, sentAt: u.at })
    }
  }

  /** Forgets rows older than `before` of groups that no longer exist (`live` says which do), here and in the store. */
  async collect(db: StoreQueryable, before: number, live: (groupKey: string) => boolean): Promise<void> {
    const rows = await db.query<{ receiver_id: string; group_key: string }>('SELECT receiver_id, group_key FROM notification_log WHERE sent_at < $1', [new Date(before)])
    const dead = rows.filter((r) => !live(r.group_key))
    if (dead.length === 0) return
    await db.query(
      `DELETE FROM notification_log AS l USING unnest($1::text[], $2::text[]) AS d (receiver_id, group_key)
       WHERE l.receiver_id = d.receiver_id AND l.group_key = d.group_key AND l.sent_at < $3`,
      [dead.map((r) => r.receiver_id), dead.map((r) => r.group_key), new Date(before)],
    )
    for (const r of dead) this.entries.delete(id(r.receiver_id, r.group_key))
  }
}
