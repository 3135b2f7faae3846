// What a wall's URL says about it: which layout it shows (?layout=NAME,
// "default" without one) and how often it fetches that layout again
// (?layout_refresh=SECONDS, 5 to 3600, for a wall whose layout must follow
// edits faster, or a test that cannot wait; a minute otherwise), and whether
// it may sound the layout's alert tone (?muted=1: never, e.g. a wall in a
// meeting room or a visitors' hall).
export interface WallParams {
  layout: string
  refreshMs: number
  muted: boolean
}

const DEFAULT_REFRESH_MS = 60_000

export function wallParams(search: URLSearchParams): WallParams {
  const asked = Number(search.get('layout_refresh'))
  return {
    layout: search.get('layout') || 'default',
    refreshMs: Number.isInteger(asked) && asked >= 5 && asked <= 3600 ? asked * 1000 : DEFAULT_REFRESH_MS,
    muted: search.get('muted') === '1',
  }
}
