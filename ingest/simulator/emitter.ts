// The output side: events wait here, ordered by the time they are handed out,
// until the cursor passes them; then they get their event_id and become JSON
// lines. A few are handed out late on purpose, and a few may be corrupted,
// because real sources do both.
import type { EventOf, EventType } from '../../schemas/events.ts'
import { MINUTE } from './clock.ts'
import { TimeHeap, type Timed } from './heap.ts'
import { corrupt } from './malformed.ts'
import { Rng } from './random.ts'

/** The producing systems: ACD and IVR (calls, agents), OMS (outages), CRM (work orders), survey platform. */
export type Source = 'acd' | 'ivr' | 'oms' | 'crm' | 'survey'
type EnvelopeKey = 'event_id' | 'type' | 'occurred_at' | 'source' | 'region' | 'schema_version'
/** An event's own fields, without the envelope. */
export type Fields<T extends EventType> = Omit<EventOf<T>, EnvelopeKey>

interface Pending extends Timed {
  occurred: number
  /** `","type":"…","occurred_at":"` */
  head: string
  /** `,"source":"…","region":"…","schema_version":1,` */
  tail: string
  /** The type's own fields as JSON. */
  body: string
}

// `123Z"` for every millisecond: the end of an occurred_at and its closing quote.
const MILLIS: readonly string[] = Array.from({ length: 1000 }, (_, i) => `${String(i).padStart(3, '0')}Z"`)

export interface EmitterOptions {
  /** Seeds of the three independent streams (ids, lateness, corruption). */
  seeds: { ids: number; late: number; malformed: number }
  lateShare: number
  malformedShare: number
}

export class Emitter {
  private readonly heap = new TimeHeap<Pending>()
  private seq = 0
  // Separate streams: lateness is drawn while the simulation runs, ids and
  // corruption while draining; sharing one stream would make the output
  // depend on how advance() calls are cut.
  private readonly idRng: Rng
  private readonly lateRng: Rng
  private readonly malformedRng: Rng
  private readonly heads = new Map<EventType, string>()
  private readonly tails = new Map<Source, Map<string, string>>()
  // occurred_at up to the seconds, reused while events share a second.
  private second = Number.NaN
  private secondPrefix = ''

  constructor(private readonly opts: EmitterOptions) {
    this.idRng = new Rng(opts.seeds.ids)
    this.lateRng = new Rng(opts.seeds.late)
    this.malformedRng = new Rng(opts.seeds.malformed)
  }

  /** Queues an event that occurs at `occurred` (ms); never earlier than the simulation's now, except before the start. */
  emit<T extends EventType>(occurred: number, type: T, source: Source, region: string, fields: Fields<T>): void {
    let at = occurred
    if (this.opts.lateShare > 0 && this.lateRng.next() < this.opts.lateShare) {
      at += Math.round(this.lateRng.uniform(MINUTE, 10 * MINUTE))
    }
    // Stringified now, so that only a flat string waits in the queue: waiting
    // objects outlive the young generation and make garbage collection dear.
    this.heap.push({ at, seq: this.seq++, occurred, head: this.head(type), tail: this.tail(source, region), body: JSON.stringify(fields) })
  }

  /** JSON lines of every event due before `until`, in hand-out order. */
  drain(until: number): string[] {
    const lines: string[] = []
    const share = this.opts.malformedShare
    for (;;) {
      const next = this.heap.peek()
      if (next === undefined || next.at >= until) break
      this.heap.pop()
      const second = Math.floor(next.occurred / 1000)
      if (second !== this.second) {
        this.second = second
        this.secondPrefix = new Date(second * 1000).toISOString().slice(0, 20)
      }
      let line =
        '{"event_id":"' + this.idRng.uuid() + next.head + this.secondPrefix + MILLIS[next.occurred - second * 1000] +
        next.tail + next.body.slice(1)
      if (share > 0 && this.malformedRng.next() < share) line = corrupt(line, this.malformedRng)
      lines.push(line)
    }
    return lines
  }

  private head(type: EventType): string {
    let s = this.heads.get(type)
    if (s === undefined) {
      s = `","type":"${type}","occurred_at":"`
      this.heads.set(type, s)
    }
    return s
  }

  private tail(source: Source, region: string): string {
    let bySource = this.tails.get(source)
    if (bySource === undefined) {
      bySource = new Map()
      this.tails.set(source, bySource)
    }
    let s = bySource.get(region)
    if (s === undefined) {
      s = `,"source":"${source}","region":${JSON.stringify(region)},"schema_version":1,`
      bySource.set(region, s)
    }
    return s
  }
}
