// Duplicate removal before insert. The rollups are materialized views, which
// fire on every inserted row, duplicates included, and ClickHouse's own block
// deduplication only catches a replay with identical batching. So an event is
// inserted only if its event_id is new: first against the ids this process
// stored recently (memory), then against the events table, whose sort key
// (day, event_id) makes the look-up a key range read, not a scan.
//
// Limit, by design: two processes could insert the same new event at the same
// moment. Deployed, Kafka keys an entity's events to one partition and so to
// one consumer; embedded, one process ingests everything.
import type { ClickHouseClient } from '@clickhouse/client'
import type { DomainEvent } from '../schemas/events.ts'

// One look-up per batch is about four times cheaper than several smaller
// ones (the cost is per IN-set analysis, not per id); 20,000 ids keep the
// query parameters under the HTTP interface's default URI limit of 1 MiB.
const LOOKUP_CHUNK = 20_000

/** Remembers recently stored ids in two generations, so memory stays bounded. */
class RecentIds {
  private current = new Set<string>()
  private previous = new Set<string>()
  constructor(private readonly generationSize: number) {}

  has(id: string): boolean {
    return this.current.has(id) || this.previous.has(id)
  }

  add(id: string): void {
    this.current.add(id)
    if (this.current.size >= this.generationSize) {
      this.previous = this.current
      this.current = new Set()
    }
  }
}

export class Deduplicator {
  private readonly recent: RecentIds

  constructor(
    private readonly client: ClickHouseClient,
    recentCapacity = 1_000_000,
  ) {
    this.recent = new RecentIds(Math.max(1, Math.floor(recentCapacity / 2)))
  }

  /** The events whose ids are neither stored nor repeated earlier in the list. */
  async fresh(events: DomainEvent[]): Promise<{ fresh: DomainEvent[]; duplicates: number }> {
    const seenInBatch = new Set<string>()
    const candidates: DomainEvent[] = []
    for (const event of events) {
      if (seenInBatch.has(event.event_id) || this.recent.has(event.event_id)) continue
      seenInBatch.add(event.event_id)
      candidates.push(event)
    }
    const stored = await this.alreadyStored(candidates)
    const fresh = stored.size === 0 ? candidates : candidates.filter((e) => !stored.has(e.event_id))
    return { fresh, duplicates: events.length - fresh.length }
  }

  /** Call once the events are certain to be stored (retried until they are). */
  remember(events: DomainEvent[]): void {
    for (const event of events) this.recent.add(event.event_id)
  }

  /** The ids among `events` that the events table already holds. */
  async alreadyStored(events: DomainEvent[]): Promise<Set<string>> {
    const stored = new Set<string>()
    for (let i = 0; i < events.length; i += LOOKUP_CHUNK) {
      const chunk = events.slice(i, i + LOOKUP_CHUNK)
      const days = [...new Set(chunk.map((e) => e.occurred_at.slice(0, 10)))]
      const result = await this.client.query({
        query: `SELECT toString(event_id) AS id FROM events
                WHERE toDate(occurred_at) IN {days:Array(Date)} AND event_id IN {ids:Array(UUID)}`,
        query_params: { days, ids: chunk.map((e) => e.event_id) },
        format: 'JSONCompactEachRow',
      })
      for (const [id] of await result.json<[string]>()) stored.add(id)
    }
    return stored
  }
}
