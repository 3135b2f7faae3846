// Keeps a live list still while someone reads it: while the pointer is over
// the rows (or a row has focus), refreshed data is held back and the list
// says so; when the reader leaves, or asks, the latest is shown. Data of a
// different query (another filter or page, which the reader asked for) is
// shown at once.
import { useState } from 'react'

export interface Held<T> {
  shown: T | undefined
  /** Newer data is being held back. */
  held: boolean
  reading: boolean
  setReading(reading: boolean): void
  showLatest(): void
}

export function useHeldWhileReading<T>(key: string, latest: T | undefined): Held<T> {
  const [reading, setReading] = useState(false)
  const [kept, setKept] = useState<{ key: string; data: T | undefined }>({ key, data: latest })
  const fresh = kept.key !== key || !reading
  if (fresh && (kept.key !== key || kept.data !== latest)) setKept({ key, data: latest })
  const shown = fresh ? latest : kept.data
  return {
    shown,
    held: !fresh && latest !== kept.data,
    reading,
    setReading,
    showLatest: () => setKept({ key, data: latest }),
  }
}
