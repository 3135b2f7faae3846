// Durations as the alerting configuration writes them ("500ms", "10s", "2m",
// "1h", "1d"), in milliseconds.
const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const

export function parseDuration(text: string): number {
  const match = /^(\d+)(ms|s|m|h|d)$/.exec(text)
  if (!match) throw new Error(`not a duration: "${text}" (write e.g. "10s", "2m", "1h")`)
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS]
}
