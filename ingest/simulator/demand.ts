// The diurnal demand curve of the hotline, and the staffing that follows it.

// Calls offered to agents per minute on an ordinary weekday at call volume 1,
// the value at hh:30 local time: a night trough of 3–5, a morning peak at
// 9–11 and an afternoon peak at 14–16 of 60–90, a lunch dip in between.
const WEEKDAY_CURVE = [5, 4, 3.5, 3, 3, 4, 8, 20, 45, 75, 80, 65, 40, 50, 72, 75, 62, 45, 35, 30, 25, 18, 12, 8]
// Sunday … Saturday: Mondays carry the weekend's backlog, weekends are quiet.
const WEEKDAY_FACTOR = [0.72, 1.06, 1, 1, 1, 0.97, 0.8]
const PEAK = Math.max(...WEEKDAY_CURVE)

/** Offered calls per minute at call volume 1, at local `hour` (fractional) of `weekday` (0 = Sunday). */
export function offeredPerMinute(hour: number, weekday: number): number {
  const x = (hour - 0.5 + 24) % 24
  const i = Math.floor(x)
  const f = x - i
  const v = WEEKDAY_CURVE[i] * (1 - f) + WEEKDAY_CURVE[(i + 1) % 24] * f
  return v * WEEKDAY_FACTOR[weekday]
}

/**
 * Share of the roster WFM puts on duty: a night crew of about a quarter,
 * about nine in ten at the peak (aiming at 80–90% occupancy there). It looks
 * half an hour ahead because agents must be logged on before the ramp
 * arrives, not after.
 */
export function staffingFraction(hour: number, weekday: number): number {
  return Math.min(1, 0.22 + (0.68 * offeredPerMinute((hour + 0.5) % 24, weekday)) / PEAK)
}
