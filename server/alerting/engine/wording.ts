// The words of an alert's one-line summary, in the center's language
// (Chinese: the hall's language; DOMAIN.md). Values are written as screens
// write them: rates in percent, durations with their unit.
import type { KpiUnit, WindowId } from '../../../schemas/kpis.ts'
import type { Territory } from '../../../schemas/territory.ts'

export const WINDOW_WORDS: Record<WindowId, string> = { '15m': '近15分钟', '60m': '近60分钟', today: '今日' }
export const COMPARE_WORDS = { yesterday: '昨日同期', last_week: '上周同期' } as const

const CATEGORY_WORDS: Record<string, string> = {
  fault_repair: '故障报修',
  complaint: '投诉',
  consultation: '咨询查询',
  business: '业务申请',
  arrears_reconnect: '欠费复电',
  feedback: '意见建议',
}
const MILESTONE_WORDS: Record<string, string> = { contacted: '首次联系', arrived: '到达现场', resolved: '处理完成', callback: '回访' }
const DIMENSION_WORDS: Record<string, string> = { queue: '队列', category: '类别', outage_kind: '停电类型', team: '班组', supervision: '督办' }

export const categoryWords = (code: string) => CATEGORY_WORDS[code] ?? code
export const milestoneWords = (code: string) => MILESTONE_WORDS[code] ?? code

export function formatValue(unit: KpiUnit, value: number): string {
  switch (unit) {
    case 'ratio':
      return `${(value * 100).toFixed(1)}%`
    case 'seconds':
      return `${Math.round(value)}秒`
    case 'minutes':
      return `${value.toFixed(1)}分钟`
    case 'permille':
      return `${value.toFixed(2)}‰`
    case 'per_million':
      return `${value.toFixed(1)}/百万户`
    case 'customers':
      return `${Math.round(value)}户`
    case 'agents':
      return `${Math.round(value)}人`
    case 'count':
      return String(Math.round(value * 10) / 10)
  }
}

/** Names of the places a scope can be: a region's name, another breakdown's code with its kind. */
export class PlaceNames {
  private readonly regions: Map<string, string>

  constructor(territory: Territory) {
    this.regions = new Map(territory.regions.map((r) => [r.code, r.name_zh]))
  }

  region(code: string): string {
    return this.regions.get(code) ?? code
  }

  /** The whole territory (全辖区), a region's name, or another breakdown's code with its kind (队列 fault). */
  scope(dimension: string | null, code: string): string {
    if (dimension === null) return '全辖区'
    if (dimension === 'region') return this.region(code)
    return `${DIMENSION_WORDS[dimension] ?? dimension} ${dimension === 'category' ? categoryWords(code) : code}`
  }
}
