// How the pairing code is shown and where it leads: two groups of four (read
// aloud and typed in two breaths), and the address of the admin page that
// approves it, prefilled, for the QR code.

/** "BCDFGHJK" → ["BCDF", "GHJK"]. */
export const codeGroups = (code: string): [string, string] => [code.slice(0, 4), code.slice(4)]

export const approvalPage = (origin: string): string => `${origin}/admin/displays`

export const approvalLink = (origin: string, code: string): string => `${approvalPage(origin)}?code=${encodeURIComponent(code)}`

/** Time left as "9:05"; never below 0:00. */
export function countdown(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000))
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`
}
