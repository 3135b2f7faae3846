// The trend chart's option (dashboard/src/panels/trend-option.ts): a missing
// comparison is no line and is named as missing in the legend, never zeros;
// the time axis carries exactly the labels that fit.
import { afterEach, describe, expect, test } from 'vitest'
import { timeLabels } from '../../dashboard/src/charts/time-labels.ts'
import { zoneOffsetMs } from '../../dashboard/src/format/center-time.ts'
import { setLang } from '../../dashboard/src/i18n/lang.ts'
import { trendOption } from '../../dashboard/src/panels/trend-option.ts'
import type { SeriesPoint } from '../../dashboard/src/queries/series-query.ts'

const ZONE = 'Asia/Shanghai'
const MIDNIGHT = Date.UTC(2025, 2, 3, 16)
const STEP = 15 * 60_000

/** Today's first ten hours in 15-minute steps: today and yesterday have figures, last week has none. */
const points: SeriesPoint[] = Array.from({ length: 40 }, (_, i) => ({
  at: MIDNIGHT + i * STEP,
  today: 100 + i,
  yesterday: i === 7 ? null : 90 + i,
  last_week: null,
}))

interface Shown {
  grid: { top: number }
  legend: { data: Array<{ name: string; textStyle?: object }> }
  series: Array<{ name: string; data: Array<[number, number | null]>; connectNulls: boolean }>
  xAxis: { min: number; max: number; axisLabel: { customValues: number[]; hideOverlap: boolean; formatter: (v: number) => string }; axisTick: { customValues: number[] } }
}

const shown = (width = 800) => trendOption({ kpi: 'calls_offered', points, target: null, wholeDay: true, zone: ZONE, font: 28, width }) as unknown as Shown

afterEach(() => setLang('zh'))

describe('comparisons without data', () => {
  test('a comparison with no figure at all draws nothing and says so in the legend', () => {
    const option = shown()
    expect(option.legend.data.map((d) => d.name)).toEqual(['今日', '昨日', '上周同日（无数据）'])
    expect(option.series.map((s) => s.name)).toEqual(['今日', '昨日', '上周同日（无数据）'])
    expect(option.series[2].data).toEqual([])
    expect(option.legend.data[2].textStyle).toBeDefined()
  })

  test('in English too', () => {
    setLang('en')
    expect(shown().legend.data.map((d) => d.name)).toEqual(['Today', 'Yesterday', 'Same day last week (no data)'])
  })

  test('a missing bucket is a gap in its line, not a zero', () => {
    const yesterday = shown().series[1]
    expect(yesterday.connectNulls).toBe(false)
    expect(yesterday.data[7]).toEqual([MIDNIGHT + 7 * STEP, null])
    expect(yesterday.data.filter(([, v]) => v === 0)).toEqual([])
  })
})

test('a legend that wraps in a narrow chart pushes the plot down instead of covering it', () => {
  const wide = shown(1200).grid.top
  expect(shown(800).grid.top).toBe(wide)
  expect(shown(380).grid.top).toBeGreaterThan(wide)
})

describe('the time axis', () => {
  test('runs midnight to midnight and is labelled where timeLabels says, overlaps hidden as a last guard', () => {
    const option = shown(800)
    expect(option.xAxis.min).toBe(MIDNIGHT)
    expect(option.xAxis.max).toBe(MIDNIGHT + 24 * 3_600_000)
    // The plot is the chart less 7.5 label sizes of margin; the axis labels are 2 px smaller than the chart's.
    const expected = timeLabels({ start: MIDNIGHT, end: MIDNIGHT + 24 * 3_600_000, plotWidth: 800 - 7.5 * 28, fontPx: 26, offsetMs: zoneOffsetMs(MIDNIGHT, ZONE) })
    expect(option.xAxis.axisLabel.customValues).toEqual(expected)
    expect(option.xAxis.axisTick.customValues).toEqual(expected)
    expect(option.xAxis.axisLabel.hideOverlap).toBe(true)
  })

  test('the end of the day reads 24:00', () => {
    const { formatter } = shown().xAxis.axisLabel
    expect(formatter(MIDNIGHT)).toBe('00:00')
    expect(formatter(MIDNIGHT + 6 * 3_600_000)).toBe('06:00')
    expect(formatter(MIDNIGHT + 24 * 3_600_000)).toBe('24:00')
  })
})

describe("an alert's levels and moments", () => {
  interface Marked {
    series: Array<{ markLine?: { data: Array<{ yAxis?: number; xAxis?: number; label: { formatter: string } }> } }>
  }
  const marked = (moments: Array<{ at: number; label: string; color: string }>) =>
    trendOption({
      kpi: 'calls_offered', points, target: 120, wholeDay: true, zone: ZONE, font: 28, width: 800,
      levels: [{ value: 150, label: '触发', color: '#f00' }, { value: 110, label: '恢复', color: '#0f0' }],
      moments,
    }) as unknown as Marked

  test("are drawn on today's line beside the target: the levels across, the moment down, each labelled", () => {
    const data = marked([{ at: MIDNIGHT + 9 * 3_600_000, label: '开始', color: '#fff' }]).series[0].markLine!.data
    expect(data.map((d) => d.yAxis ?? null)).toEqual([120, 150, 110, null])
    expect(data[3].xAxis).toBe(MIDNIGHT + 9 * 3_600_000)
    expect(data.map((d) => d.label.formatter)).toEqual(['目标 120 通', '触发 150 通', '恢复 110 通', '开始 09:00'])
  })

  test('a moment outside the axis (an alert that started yesterday) is not drawn', () => {
    const data = marked([{ at: MIDNIGHT - 60_000, label: '开始', color: '#fff' }]).series[0].markLine!.data
    expect(data.map((d) => d.xAxis)).not.toContain(MIDNIGHT - 60_000)
    expect(data).toHaveLength(3)
  })
})

test("the value axis reaches an alert's levels even when every value is below them", () => {
  const option = trendOption({
    kpi: 'calls_offered', points, target: null, wholeDay: true, zone: ZONE, font: 28, width: 800,
    levels: [{ value: 500, label: '触发', color: '#f00' }, { value: 300, label: '恢复', color: '#0f0' }],
  }) as unknown as { yAxis: { min: (e: { min: number }) => number; max: (e: { min: number; max: number }) => number } }
  // Counts from 0; the highest level with a tenth of the span above it for its label.
  expect(option.yAxis.min({ min: 100 })).toBe(0)
  expect(option.yAxis.max({ min: 100, max: 139 })).toBe(550)
  // Data above every level: the data's own top.
  expect(option.yAxis.max({ min: 100, max: 900 })).toBe(900)
  // No data at all yet: the levels alone.
  expect(option.yAxis.max({ min: Infinity, max: -Infinity })).toBe(550)
})

test('a value with no value on either side (a line of no length) is drawn as a dot; the others as plain points', () => {
  const lone: SeriesPoint[] = [
    { at: MIDNIGHT, today: null, yesterday: null, last_week: null },
    { at: MIDNIGHT + STEP, today: 4, yesterday: null, last_week: null },
    { at: MIDNIGHT + 2 * STEP, today: null, yesterday: null, last_week: null },
  ]
  const option = trendOption({ kpi: 'calls_offered', points: [...lone, ...points.slice(3)], target: null, wholeDay: true, zone: ZONE, font: 20, width: 800 }) as unknown as {
    series: Array<{ symbol: string; data: unknown[] }>
  }
  expect(option.series[0].symbol).toBe('none')
  expect(option.series[0].data[1]).toEqual({ value: [MIDNIGHT + STEP, 4], symbol: 'circle', symbolSize: 8 })
  expect(option.series[0].data[3]).toEqual([MIDNIGHT + 3 * STEP, 103])
})
