// The words of a bulletin's files and push, in the two languages (zh by
// default, en on request), and the formatting of its values: a KPI's value
// in its unit as the alert messages write it (render/format.ts), minutes
// and counts, names of regions, teams and outage kinds from the territory
// and the domain's terms. Kept together so that the PDF, the XLSX and the
// push read alike.
import type { Bulletin, BulletinKind } from '../../schemas/bulletins.ts'
import { KPI_REGISTRY, type KpiId, type KpiStatus } from '../../schemas/kpis.ts'
import type { Territory } from '../../schemas/territory.ts'
import { formatValue } from '../alerting/notify/render/format.ts'
import { wordsFor, type Lang } from '../alerting/notify/render/words.ts'

export type { Lang }

const ZH = {
  kind: { daily: '日预警', weekly: '周通报' } as Record<BulletinKind, string>,
  title: (kind: BulletinKind, center: string) => `${center}${kind === 'daily' ? '日预警' : '周通报'}`,
  period: (start: string, end: string) => (start === end ? start : `${start} 至 ${end}`),
  generated: (at: string, by: string) => `生成于 ${at}（${by === 'schedule' ? '定时' : by}）`,
  sections: { kpis: '分区指标与目标', worst: '重点关注', alerts: '告警（按规则与地区）', supervision: '督办', outages: '停电' },
  status: { green: '达标', amber: '预警', red: '告警', none: '—' } as Record<KpiStatus, string>,
  bulletin: '通报', periodLabel: '周期', generatedLabel: '生成', zone: '时区',
  region: '地区', total: '全辖区', target: '目标', value: '数值', kpi: '指标', statusCol: '状态', volume: '样本量',
  rule: '规则', fired: '触发', acknowledged: '签收', resolved: '恢复', ackAvg: '平均签收(分)', ackMax: '最长签收(分)', resolveAvg: '平均恢复(分)', severity: '级别',
  team: '班组', issued: '新督办', due: '到期', onTime: '按时反馈', timeliness: '及时率', replied: '反馈', closed: '审结', returned: '退回',
  kind_: '类型', started: '停电次数', customers: '停电户数', keyCustomers: '重要客户', restoredN: '已复电', activeAtEnd: '期末未复电', minutesLost: '停电分钟', customerMinutes: '时户数(户·分)',
  outage: '停电', feeder: '线路', startedAt: '开始', restoredAt: '复电',
  none: '本期无', noData: '无数据', open: '查看通报', more: (n: number) => `还有 ${n} 项`,
  alertsLine: (fired: number, ack: string) => `${fired} 条（平均签收 ${ack}）`,
  supervisionLine: (issued: number, rate: string) => `${issued} 单（及时率 ${rate}）`,
  outagesLine: (n: number, customers: number, cm: string) => `${n} 次，${customers} 户，${cm} 时户`,
  redLine: (n: number) => `${n} 项`,
  fields: { alerts: '告警', supervision: '督办', outages: '停电', red: '红色指标' },
  minutes: (m: string) => `${m} 分钟`,
}

type BulletinWords = typeof ZH

const EN: BulletinWords = {
  kind: { daily: 'Daily warning summary', weekly: 'Weekly bulletin' },
  title: (kind, center) => `${center} — ${kind === 'daily' ? 'Daily warning summary' : 'Weekly bulletin'}`,
  period: (start, end) => (start === end ? start : `${start} to ${end}`),
  generated: (at, by) => `Generated ${at} (${by === 'schedule' ? 'scheduled' : by})`,
  sections: { kpis: 'KPIs by region against target', worst: 'Worst items', alerts: 'Alerts by rule and region', supervision: 'Supervision orders', outages: 'Outages' },
  status: { green: 'on target', amber: 'warning', red: 'critical', none: '—' },
  bulletin: 'Bulletin', periodLabel: 'Period', generatedLabel: 'Generated', zone: 'Time zone',
  region: 'Region', total: 'Whole territory', target: 'Target', value: 'Value', kpi: 'KPI', statusCol: 'Status', volume: 'Volume',
  rule: 'Rule', fired: 'Fired', acknowledged: 'Acknowledged', resolved: 'Resolved', ackAvg: 'Avg to ack (min)', ackMax: 'Max to ack (min)', resolveAvg: 'Avg to resolve (min)', severity: 'Severity',
  team: 'Team', issued: 'Issued', due: 'Due', onTime: 'Replied on time', timeliness: 'Timeliness', replied: 'Replied', closed: 'Closed', returned: 'Returned',
  kind_: 'Kind', started: 'Outages', customers: 'Customers', keyCustomers: 'Key customers', restoredN: 'Restored', activeAtEnd: 'Still off at end', minutesLost: 'Minutes lost', customerMinutes: 'Customer-minutes',
  outage: 'Outage', feeder: 'Feeder', startedAt: 'Started', restoredAt: 'Restored',
  none: 'none this period', noData: 'no data', open: 'Open the bulletin', more: (n) => `and ${n} more`,
  alertsLine: (fired, ack) => `${fired} (mean time to acknowledge ${ack})`,
  supervisionLine: (issued, rate) => `${issued} issued (timeliness ${rate})`,
  outagesLine: (n, customers, cm) => `${n}, ${customers} customers, ${cm} customer-minutes`,
  redLine: (n) => `${n}`,
  fields: { alerts: 'Alerts', supervision: 'Supervision', outages: 'Outages', red: 'KPIs in red' },
  minutes: (m) => `${m} min`,
}

export const bulletinWords = (lang: Lang): BulletinWords => (lang === 'en' ? EN : ZH)

/** Names and values for one language. */
export class Speaker {
  readonly w: BulletinWords
  private readonly terms: Record<string, string>

  constructor(
    readonly lang: Lang,
    private readonly territory: Territory,
  ) {
    this.w = bulletinWords(lang)
    this.terms = wordsFor(lang).terms
  }

  kpi(id: KpiId): string {
    const e = KPI_REGISTRY[id]
    return this.lang === 'en' ? e.label_en : e.label_zh
  }

  /** A KPI's value in its unit; "no data" for null. */
  value(id: KpiId, value: number | null): string {
    return value === null ? this.w.noData : formatValue(value, KPI_REGISTRY[id].unit, wordsFor(this.lang))
  }

  region(code: string): string {
    if (code === '') return this.w.total
    const r = this.territory.regions.find((x) => x.code === code)
    return r ? (this.lang === 'en' ? r.name_en : r.name_zh) : code
  }

  team(code: string): string {
    const t = this.territory.teams.find((x) => x.code === code)
    return t ? (this.lang === 'en' ? t.name_en : t.name_zh) : code
  }

  term(code: string): string {
    return this.terms[code] ?? code
  }

  number(value: number | null, digits = 1): string {
    return value === null ? '—' : new Intl.NumberFormat('en-US', { maximumFractionDigits: digits }).format(value)
  }

  percent(value: number | null): string {
    return value === null ? this.w.noData : `${this.number(value * 100)}%`
  }

  /** `YYYY-MM-DD HH:mm` in the bulletin's zone. */
  instant(iso: string, timeZone: string): string {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
        .formatToParts(new Date(iso))
        .map((p) => [p.type, p.value]),
    )
    return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`
  }

  title(b: Bulletin): string {
    return this.w.title(b.kind, this.lang === 'en' ? this.territory.name_en : this.territory.name_zh)
  }
}
