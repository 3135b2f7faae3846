// The operations log (运行日志, DOMAIN.md §4): entries people write (audited
// in the same transaction) and entries the system writes itself (the
// writers in ./writers, one per source of news), each told to the listeners
// (the desks' sockets) once it is stored. A system entry that cannot be
// written is logged and dropped: the log reports what happened, it never
// holds up what it reports.
import type { Store, StoreQueryable } from '../../core/store/store.ts'
import { SYSTEM_AUTHOR, type LogCategory, type LogEntry, type LogTargetType } from '../../schemas/operations-log.ts'
import type { Principal } from '../access/access.ts'
import type { AuditLog } from '../audit/audit-log.ts'
import { LogStore, type LogFilter, type NewEntry } from './log-store.ts'

/** What a writer reports: the system is the author; at defaults to now. */
export interface SystemEntry {
  at?: Date
  category: LogCategory
  text: string
  target?: { type: LogTargetType; id: string }
  kind: string
  notable: boolean
  /** Its identity, so that a report made twice (a restart, two servers) is one entry. */
  key: string
}

export interface PersonEntry {
  text: string
  category: LogCategory
  target_type?: LogTargetType
  target_id?: string
}

export interface LogLogger {
  warn(obj: object, msg: string): void
}

export const SYSTEM_NAME = '系统'

export class OperationsLog {
  readonly entries: LogStore
  private readonly listeners: Array<(entry: LogEntry) => void> = []

  constructor(
    private readonly o: { store: Store; audit: AuditLog; now: () => Date; logger: LogLogger },
  ) {
    this.entries = new LogStore(o.store)
  }

  /** Told of every entry once it is stored. */
  onEntry(listener: (entry: LogEntry) => void): void {
    this.listeners.push(listener)
  }

  /** A person's entry (officer and up), audited with it. */
  async writeBy(who: Extract<Principal, { kind: 'person' }>, input: PersonEntry, address: string): Promise<LogEntry> {
    const entry = await this.o.store.transaction(async (tx) => {
      const written = await this.entries.insert(
        {
          at: this.o.now(),
          category: input.category,
          text: input.text,
          target_type: input.target_type ?? null,
          target_id: input.target_id ?? null,
          author: who.username,
          author_name: who.displayName,
          kind: null,
          notable: true,
          dedup_key: null,
        },
        tx,
      )
      await this.o.audit.record({ who, action: 'log.write', target: written ? String(written.id) : '', address, outcome: 'allowed', detail: { category: input.category } }, tx)
      return written!
    })
    this.tell(entry)
    return entry
  }

  /** A system entry inside the caller's transaction; the caller tells it (`tell`) once that commits. */
  record(e: SystemEntry, db: StoreQueryable): Promise<LogEntry | null> {
    return this.entries.insert(this.systemRow(e), db)
  }

  /** A system entry on its own; failures are logged, never thrown. */
  async report(e: SystemEntry): Promise<void> {
    try {
      const entry = await this.entries.insert(this.systemRow(e))
      if (entry) this.tell(entry)
    } catch (err) {
      this.o.logger.warn({ err: (err as Error).message, kind: e.kind, key: e.key }, 'operations log: a system entry could not be written')
    }
  }

  search(f: LogFilter): Promise<{ total: number; items: LogEntry[] }> {
    return this.entries.search(f)
  }

  tell(entry: LogEntry): void {
    for (const listener of this.listeners) {
      try {
        listener(entry)
      } catch (err) {
        this.o.logger.warn({ err: (err as Error).message }, 'operations log: a listener failed')
      }
    }
  }

  private systemRow(e: SystemEntry): NewEntry {
    return {
      at: e.at ?? this.o.now(),
      category: e.category,
      text: e.text,
      target_type: e.target?.type ?? null,
      target_id: e.target?.id ?? null,
      author: SYSTEM_AUTHOR,
      author_name: SYSTEM_NAME,
      kind: e.kind,
      notable: e.notable,
      dedup_key: e.key,
    }
  }
}
