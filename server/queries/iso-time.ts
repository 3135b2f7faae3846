// ClickHouse DateTime64 text (UTC) to the ISO 8601 the API speaks.
import { msFromCh } from '../../core/time-format.ts'

export function isoFromCh(text: string | null | undefined): string | null {
  const ms = msFromCh(text)
  return ms === null ? null : new Date(ms).toISOString()
}
