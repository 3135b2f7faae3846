// Where a time axis is labelled: at whole local times (every 15 min, every
// 3 h…) in the center's time zone, as often as the axis has room for without
// two labels touching. The chart draws exactly these labels (axisLabel
// customValues), so how dense they are depends on the chart's width and type
// size, not on ECharts' own tick choice, which ignores the label size and
// crowded "02:0004:0006:00" on a one-screen wall.

const MINUTE = 60_000
const HOUR = 60 * MINUTE
/** The steps a person reads easily, shortest first; each divides a day. */
const STEPS = [1, 2, 5, 10, 15, 30].map((m) => m * MINUTE).concat([1, 2, 3, 4, 6, 12, 24].map((h) => h * HOUR))

/**
 * The room one "HH:MM" label takes, with the gap that keeps it apart from the
 * next: the wall's fonts draw a digit about 0.55 em wide and a colon narrower,
 * so 0.62 em a character overestimates a little, and a 1 em gap keeps labels
 * from reading as one.
 */
export const labelRoom = (fontPx: number, chars = 5): number => (chars * 0.62 + 1) * fontPx

export interface TimeLabelsInput {
  /** The axis' first and last instants (ms). */
  start: number
  end: number
  /** The width of the plot the axis spans, in px. */
  plotWidth: number
  /** The labels' font size, in px. */
  fontPx: number
  /** The center's offset from UTC (zoneOffsetMs), so labels fall on whole local times. */
  offsetMs: number
}

/** Every instant in [start, end] that is a whole multiple of `step` on the center's clock. */
function wholeTimes(start: number, end: number, step: number, offsetMs: number): number[] {
  const times: number[] = []
  for (let at = Math.ceil((start + offsetMs) / step) * step - offsetMs; at <= end; at += step) times.push(at)
  return times
}

/**
 * The instants to label: the shortest step whose labels are at least
 * labelRoom apart. When not even two labels fit, one (a single label cannot
 * overlap anything).
 */
export function timeLabels({ start, end, plotWidth, fontPx, offsetMs }: TimeLabelsInput): number[] {
  const span = end - start
  if (!(span > 0) || !(plotWidth > 0)) return []
  const room = labelRoom(fontPx)
  let crowded: number[] = []
  for (const step of STEPS) {
    const times = wholeTimes(start, end, step, offsetMs)
    if (times.length === 0) break
    if (times.length === 1 || (plotWidth * step) / span >= room) return times
    crowded = times
  }
  return crowded.slice(0, 1)
}
