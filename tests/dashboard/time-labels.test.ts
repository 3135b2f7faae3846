// Where the trend chart's time axis is labelled (dashboard/src/charts/time-labels.ts):
// on whole local times of the center, never closer than a label's room, at
// every size a wall panel can have.
import { describe, expect, test } from 'vitest'
import { labelRoom, timeLabels } from '../../dashboard/src/charts/time-labels.ts'
import { hoursMinutes, zoneOffsetMs } from '../../dashboard/src/format/center-time.ts'

const ZONE = 'Asia/Shanghai'
const HOUR = 3_600_000
// 2025-03-04 00:00 in Shanghai.
const MIDNIGHT = Date.UTC(2025, 2, 3, 16)

const labelsOf = (start: number, end: number, plotWidth: number, fontPx: number) =>
  timeLabels({ start, end, plotWidth, fontPx, offsetMs: zoneOffsetMs(start, ZONE) })

describe('zoneOffsetMs', () => {
  test('is the zone’s offset from UTC, half hours included', () => {
    expect(zoneOffsetMs(MIDNIGHT, 'Asia/Shanghai')).toBe(8 * HOUR)
    expect(zoneOffsetMs(MIDNIGHT, 'UTC')).toBe(0)
    expect(zoneOffsetMs(MIDNIGHT, 'Asia/Kolkata')).toBe(5.5 * HOUR)
    expect(zoneOffsetMs(MIDNIGHT + 1234, 'America/New_York')).toBe(-5 * HOUR)
  })
})

describe('timeLabels', () => {
  test('a whole day in a one-screen analysis zone is labelled every 6 hours, midnight to midnight', () => {
    // The default layout's trend panel at 1920×1080: about 575 px of plot, 28 px labels.
    const labels = labelsOf(MIDNIGHT, MIDNIGHT + 24 * HOUR, 575, 28)
    expect(labels.map((at) => hoursMinutes(at, ZONE))).toEqual(['00:00', '06:00', '12:00', '18:00', '00:00'])
  })

  test('a wide chart gets denser labels, still on whole hours', () => {
    const labels = labelsOf(MIDNIGHT, MIDNIGHT + 24 * HOUR, 2400, 30)
    expect(labels.length).toBeGreaterThan(5)
    expect(labels.map((at) => hoursMinutes(at, ZONE)).every((text) => text.endsWith(':00'))).toBe(true)
  })

  test('a rolling hour is labelled on whole minutes of the clock, inside the window', () => {
    const start = MIDNIGHT + 9 * HOUR + 7 * 60_000
    const labels = labelsOf(start, start + 59 * 60_000, 600, 22)
    expect(labels.length).toBeGreaterThanOrEqual(3)
    expect(labels.every((at) => at >= start && at <= start + 59 * 60_000)).toBe(true)
    // 600 px holds a label every 10 minutes at this size: 09:10, 09:20…
    expect(labels.map((at) => hoursMinutes(at, ZONE))).toEqual(['09:10', '09:20', '09:30', '09:40', '09:50', '10:00'])
  })

  test('labels never come closer than their room, at any width and size', () => {
    const windows = [
      { start: MIDNIGHT, end: MIDNIGHT + 24 * HOUR },
      { start: MIDNIGHT + 13 * HOUR + 60_000, end: MIDNIGHT + 14 * HOUR },
      { start: MIDNIGHT + 13 * HOUR + 46 * 60_000, end: MIDNIGHT + 14 * HOUR },
    ]
    for (const { start, end } of windows) {
      for (let width = 40; width <= 5000; width += 37) {
        for (const font of [18, 22, 26, 32]) {
          const labels = labelsOf(start, end, width, font)
          const gaps = labels.slice(1).map((at, i) => ((at - labels[i]) / (end - start)) * width)
          expect(gaps.every((gap) => gap >= labelRoom(font)), `${width} px at ${font} px: ${gaps.join(', ')}`).toBe(true)
          // Room for two labels means at least two labels.
          if (width >= 2.2 * labelRoom(font) && end - start >= 12 * HOUR) expect(labels.length).toBeGreaterThanOrEqual(2)
        }
      }
    }
  })

  test('a plot too narrow for two labels gets one, and no plot gets none', () => {
    expect(labelsOf(MIDNIGHT, MIDNIGHT + 24 * HOUR, 60, 28)).toHaveLength(1)
    expect(labelsOf(MIDNIGHT, MIDNIGHT + 24 * HOUR, 0, 28)).toEqual([])
    expect(labelsOf(MIDNIGHT, MIDNIGHT, 500, 28)).toEqual([])
  })
})
