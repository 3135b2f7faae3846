// A KPI tile's line about yesterday (dashboard/src/format/kpi-format.ts): a
// change with an arrow only when both days have a figure; a day without one
// is said in words, never compared as a zero.
import { afterEach, describe, expect, test } from 'vitest'
import { formatChange, formatVsYesterday } from '../../dashboard/src/format/kpi-format.ts'
import { setLang } from '../../dashboard/src/i18n/lang.ts'

afterEach(() => setLang('zh'))

describe('formatVsYesterday', () => {
  test('no figure yesterday: "昨日无数据", no arrow, no number', () => {
    expect(formatVsYesterday('service_level', 0.85, null)).toEqual({ text: '昨日无数据', tone: 'neutral' })
    expect(formatVsYesterday('calls_offered', 1200, null)).toEqual({ text: '昨日无数据', tone: 'neutral' })
    expect(formatVsYesterday('service_level', null, null)).toEqual({ text: '昨日无数据', tone: 'neutral' })
  })

  test('in English: "no data yesterday"', () => {
    setLang('en')
    expect(formatVsYesterday('service_level', 0.85, null).text).toBe('no data yesterday')
  })

  test('both days known: the change, with its arrow and whether it is good news', () => {
    expect(formatVsYesterday('service_level', 0.85, 0.8)).toEqual({ text: '较昨日 ▲ 5.0 个百分点', tone: 'good' })
    expect(formatVsYesterday('abandonment_rate', 0.06, 0.04)).toEqual({ text: '较昨日 ▲ 2.0 个百分点', tone: 'bad' })
    expect(formatVsYesterday('calls_offered', 900, 1000)).toEqual({ text: '较昨日 ▼ 100 通', tone: 'neutral' })
  })

  test('yesterday known but not today: yesterday’s figure, not a change and not "no data yesterday"', () => {
    expect(formatVsYesterday('service_level', null, 0.9)).toEqual({ text: '昨日 90.0%', tone: 'neutral' })
  })
})

test('formatChange has no change to tell unless both values are numbers', () => {
  expect(formatChange('calls_offered', 10, null)).toBeNull()
  expect(formatChange('calls_offered', null, 10)).toBeNull()
  expect(formatChange('calls_offered', 10, Number.NaN)).toBeNull()
  expect(formatChange('calls_offered', 10, 10)).toEqual({ arrow: '＝', text: '0 通', tone: 'neutral' })
})
