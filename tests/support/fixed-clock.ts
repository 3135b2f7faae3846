// Fixed clocks for tests that must not depend on the hour they run at: an
// instant at a given local time in the center's time zone (Asia/Shanghai,
// UTC+8 all year), on a date a given number of days before today's there.
// The date moves with the run (stored data stays within the tables' TTLs and
// the intake's accepted past), the local time of day never does.
const HOUR = 3_600_000
const SHANGHAI_OFFSET = 8 * HOUR

/** Epoch ms of `hh:mm` Shanghai time, `daysAgo` Shanghai dates before today's. */
export function shanghaiTime(hh: number, mm: number, daysAgo = 1): number {
  const local = new Date(Date.now() + SHANGHAI_OFFSET)
  return Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() - daysAgo, hh, mm) - SHANGHAI_OFFSET
}
