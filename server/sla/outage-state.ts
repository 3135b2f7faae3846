// The one judge of an outage's state, for the KPIs, the drill-down lists and
// the alerts alike: active from its start until its restoration (an outage
// known only from an advance notice is not active yet), and past its ETR
// while active after its estimated time of restoration. The SQL reads the
// instant `{now:DateTime64(3, 'UTC')}`; tests hold SQL and code to the same answers.

const NOW = `{now:DateTime64(3, 'UTC')}`

export const ACTIVE_SQL = `(started_at IS NOT NULL AND started_at <= ${NOW} AND (restored_at IS NULL OR restored_at > ${NOW}))`
export const ETR_OVERRUN_SQL = `(${ACTIVE_SQL} AND etr IS NOT NULL AND etr < ${NOW})`

export interface OutageTimes {
  started_at: number | null
  restored_at: number | null
  etr: number | null
}

export const isActive = (o: OutageTimes, now: number): boolean =>
  o.started_at !== null && o.started_at <= now && (o.restored_at === null || o.restored_at > now)

export const etrOverrun = (o: OutageTimes, now: number): boolean => isActive(o, now) && o.etr !== null && o.etr < now
