// Errors a caller of the KPI engine can act on. `statusCode` lets an HTTP
// layer answer with the right status without knowing the engine's classes.

export class UnknownRegionError extends Error {
  override name = 'UnknownRegionError'
  readonly statusCode = 404
  readonly code = 'unknown_region'
  constructor(readonly region: string) {
    super(`unknown region "${region}": not a region code of the territory in use`)
  }
}

/** A "now" KPI describes the current state only; it has no history to draw a trend of. */
export class NotASeriesKpiError extends Error {
  override name = 'NotASeriesKpiError'
  readonly statusCode = 400
  readonly code = 'not_a_series_kpi'
  constructor(readonly kpi: string) {
    super(`KPI ${kpi} describes the current state ("now"), so it has no per-step series; use the snapshot for it`)
  }
}

export class UnknownKpiError extends Error {
  override name = 'UnknownKpiError'
  readonly statusCode = 404
  readonly code = 'unknown_kpi'
  constructor(readonly kpi: string) {
    super(`unknown KPI id "${kpi}"`)
  }
}
