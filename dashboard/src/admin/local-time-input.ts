// <input type="datetime-local"> speaks local wall-clock time without a zone
// ("2026-03-01T08:30"); the API speaks ISO instants. These convert both ways
// in the browser's time zone, the one the page shows times in.
const pad = (n: number) => String(n).padStart(2, '0')

/** An ISO instant as the input's value; '' for none or a bad one. */
export function toLocalInput(iso: string): string {
  const ms = Date.parse(iso)
  if (!iso || !Number.isFinite(ms)) return ''
  const d = new Date(ms)
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`
}

/** The input's value as an ISO instant; '' for an empty or unreadable one. */
export function fromLocalInput(value: string): string {
  // Without a zone, a date-time string is read as local time (ECMA-262 Date.parse).
  const ms = Date.parse(value)
  return value && Number.isFinite(ms) ? new Date(ms).toISOString() : ''
}
