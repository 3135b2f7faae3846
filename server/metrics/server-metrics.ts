// Counters of the server itself, rendered by GET /metrics beside the ingest
// pipeline's (ingest/ingest-metrics.ts).
import { Histogram } from './histogram.ts'

/** Upper bounds (seconds) of the tick duration histogram. */
export const TICK_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] as const

export class ServerMetrics {
  readonly tickDuration = new Histogram(TICK_BUCKETS)
  ticksFailedTotal = 0
  /** Ticks not started because the previous one was still running. */
  ticksSkippedTotal = 0
  /** Events received by POST /api/v1/events and handed to the sink, or refused with a reason code. */
  httpEventsAccepted = 0
  readonly httpEventsRejected = new Map<string, number>()

  httpRejected(code: string): void {
    this.httpEventsRejected.set(code, (this.httpEventsRejected.get(code) ?? 0) + 1)
  }
}
