// Rollup sums of the settled past, kept while the minute segments they cover
// stay the same: the same windows yesterday and last week, and the part of
// today older than the live 60-minute window. Those segments change only
// when the clock enters a new minute, so between changes their sums can
// differ only through events arriving more than an hour late, which are rare
// and then show within a minute. This spares every tick the largest reads (a
// whole day today, yesterday and last week) and keeps a tick's cost flat over
// the day.
import type { SumBook } from './measures.ts'

export class SettledSumsCache {
  private segmentsKey = ''
  private readonly entries = new Map<string, Promise<SumBook[]>>()

  /**
   * The cached sums of the segments named by `segmentsKey` for a region (null:
   * the territory), loading them when missing. A failed load is not kept.
   */
  get(segmentsKey: string, region: string | null, load: () => Promise<SumBook[]>): Promise<SumBook[]> {
    if (segmentsKey !== this.segmentsKey) {
      this.segmentsKey = segmentsKey
      this.entries.clear()
    }
    const regionKey = region ?? ''
    let entry = this.entries.get(regionKey)
    if (!entry) {
      entry = load()
      this.entries.set(regionKey, entry)
      entry.catch(() => {
        if (this.entries.get(regionKey) === entry) this.entries.delete(regionKey)
      })
    }
    return entry
  }
}
