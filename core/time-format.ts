// ClickHouse DateTime64(3) text is 'YYYY-MM-DD hh:mm:ss.mmm' in UTC: the
// fastest form for JSONEachRow inserts and the form SELECTs return.
export function chTimeFromIso(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`
}

export function chTime(ms: number): string {
  return chTimeFromIso(new Date(ms).toISOString())
}

export function chTimeOrNull(ms: number | null): string | null {
  return ms === null ? null : chTime(ms)
}

/** Parses ClickHouse DateTime64 text (UTC) back to epoch ms; null for NULL. */
export function msFromCh(text: string | null | undefined): number | null {
  if (text === null || text === undefined || text === '') return null
  return Date.parse(`${text.replace(' ', 'T')}Z`)
}
