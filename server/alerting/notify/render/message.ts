// What every channel says about a notification, before it is shaped for one
// vendor: the severity with its marker, what (the rule), where (region,
// queue, team, … named from the territory), the value against the
// threshold, since when (the center's time zone), who acknowledged, the
// link; for a group, the count and the alerts in the order they will be
// listed. Each renderer (markdown, text, Feishu post, email, SMS
// parameters) lists as many as its size limit allows.
import type { Severity } from '../../../../schemas/alerting-config.ts'
import type { Alert } from '../../../../schemas/alerts.ts'
import { KPI_REGISTRY, type KpiId, type KpiUnit } from '../../../../schemas/kpis.ts'
import type { Territory } from '../../../../schemas/territory.ts'
import type { Notification, NoticeText } from '../notifier.ts'
import { formatInstant, formatValue } from './format.ts'
import { RESOLVED_MARKER, SEVERITY_MARKER, wordsFor, type Lang, type Words } from './words.ts'

export interface RenderContext {
  lang: Lang
  /** The center's time zone (CENTER_TZ, Asia/Shanghai by default). */
  timeZone: string
  territory: Territory
}

export interface AlertLine {
  resolved: boolean
  severity: Severity
  marker: string
  /** The rule's name. */
  what: string
  /** Region, queue, team, … and the entity, named; the whole territory when the rule has no scope. */
  where: string
  /** "呼损率 8.3%（阈值 5%）"; null when the alert has no value. */
  value: string | null
  since: string
  resolvedAt: string | null
  /** "张三（12-02 09:20）"; null while nobody has acknowledged. */
  acknowledged: string | null
}

export interface Message {
  lang: Lang
  words: Words
  status: 'firing' | 'resolved'
  severity: Severity
  /** The marker of the whole message: the worst firing severity, or resolved. */
  marker: string
  /** 告警 / 已恢复 …, with the reason when not a first notification: "升级 · 告警". */
  label: string
  /** What the message is about: the rule's name when every alert shares it, else the count. */
  subject: string
  /** Firing alerts first (worst first, oldest first), then the resolved. */
  lines: AlertLine[]
  /** Every alert of the group, listed or not (truncated included). */
  total: number
  /** Alerts the pipeline left out before rendering. */
  truncated: number
  /** One alert: the message describes it in full rather than as a list. */
  single: boolean
  /** Every alert shares one rule: list lines need not repeat it. */
  oneRule: boolean
  link: string
  /** A notice (a bulletin) instead of alerts: its words in this message's language. */
  notice?: NoticeText
}

/** The marker of a notice's headline. */
export const NOTICE_MARKER = '📋'

const RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 }
const SCOPE_LABELS = ['region', 'queue', 'team', 'category', 'outage_kind'] as const
const ENTITY_LABELS = ['workorder_id', 'outage_id', 'source', 'display'] as const

/** The KPI an alert is about, when the engine says (label or annotation `kpi`): its name and unit. */
function kpiOf(alert: Alert, lang: Lang): { name: string; unit: KpiUnit } | null {
  const id = alert.labels.kpi ?? alert.annotations.kpi
  if (!id || !Object.hasOwn(KPI_REGISTRY, id)) return null
  const entry = KPI_REGISTRY[id as KpiId]
  return { name: lang === 'en' ? entry.label_en : entry.label_zh, unit: entry.unit }
}

function scopeName(label: (typeof SCOPE_LABELS)[number], code: string, ctx: RenderContext, words: Words): string {
  const en = ctx.lang === 'en'
  const named = (list: Array<{ code: string; name_zh: string; name_en: string }>) => {
    const found = list.find((x) => x.code === code)
    return found ? (en ? found.name_en : found.name_zh) : code
  }
  switch (label) {
    case 'region':
      return named(ctx.territory.regions)
    case 'queue':
      return named(ctx.territory.queues)
    case 'team':
      return named(ctx.territory.teams)
    default:
      return words.terms[code] ?? code
  }
}

function whereOf(alert: Alert, ctx: RenderContext, words: Words): string {
  const parts: string[] = []
  for (const label of SCOPE_LABELS) {
    const code = alert.labels[label]
    if (code) parts.push(scopeName(label, code, ctx, words))
  }
  for (const label of ENTITY_LABELS) {
    const id = alert.labels[label]
    if (id) parts.push(`${words.entity[label]} ${id}`)
  }
  return parts.length > 0 ? parts.join(' · ') : words.wholeTerritory
}

function valueOf(alert: Alert, ctx: RenderContext, words: Words): string | null {
  if (alert.value === null) return null
  const kpi = kpiOf(alert, ctx.lang)
  const unit = kpi?.unit ?? null
  const value = formatValue(alert.value, unit, words)
  const threshold = alert.threshold === null ? '' : words.threshold(formatValue(alert.threshold, unit, words))
  return `${kpi ? `${kpi.name} ` : ''}${value}${threshold}`
}

export function alertLine(alert: Alert, resolved: boolean, ctx: RenderContext): AlertLine {
  const words = wordsFor(ctx.lang)
  const ack = alert.acknowledged
  return {
    resolved,
    severity: alert.severity,
    marker: resolved ? RESOLVED_MARKER : SEVERITY_MARKER[alert.severity],
    what: alert.rule_name,
    where: whereOf(alert, ctx, words),
    value: valueOf(alert, ctx, words),
    since: formatInstant(alert.fired_at ?? alert.started_at, ctx.timeZone),
    resolvedAt: resolved && alert.resolved_at ? formatInstant(alert.resolved_at, ctx.timeZone) : null,
    acknowledged: ack ? words.ackBy(ack.display_name || ack.by, formatInstant(ack.at, ctx.timeZone)) : null,
  }
}

const worstFirst = (a: Alert, b: Alert) => RANK[b.severity] - RANK[a.severity] || (a.fired_at ?? a.started_at).localeCompare(b.fired_at ?? b.started_at)

export function buildMessage(n: Notification, ctx: RenderContext): Message {
  const words = wordsFor(ctx.lang)
  if (n.notice) {
    const text = n.notice.text[ctx.lang]
    return {
      lang: ctx.lang, words, status: 'firing', severity: 'info', marker: NOTICE_MARKER, label: text.label, subject: text.subject,
      lines: [], total: 0, truncated: 0, single: false, oneRule: false, link: n.link, notice: text,
    }
  }
  const firing = [...n.firing].sort(worstFirst)
  const resolved = [...n.resolved].sort(worstFirst)
  const all = [...firing, ...resolved]
  const status = firing.length > 0 ? 'firing' : 'resolved'
  const severity = (status === 'firing' ? firing : resolved).reduce<Severity>((worst, a) => (RANK[a.severity] > RANK[worst] ? a.severity : worst), 'info')
  const total = all.length + n.truncated
  const rules = new Set(all.map((a) => a.rule_id))
  const oneRule = rules.size === 1
  const base = status === 'firing' ? words.severity[severity] : words.resolved
  const reason = n.reason === 'escalation' || n.reason === 'reminder' || n.reason === 'digest' ? words.reason[n.reason] : null
  return {
    lang: ctx.lang,
    words,
    status,
    severity,
    marker: status === 'firing' ? SEVERITY_MARKER[severity] : RESOLVED_MARKER,
    label: reason ? `${reason} · ${base}` : base,
    subject: oneRule && all.length > 0 ? all[0].rule_name : words.count(total),
    lines: [...firing.map((a) => alertLine(a, false, ctx)), ...resolved.map((a) => alertLine(a, true, ctx))],
    total,
    truncated: n.truncated,
    single: total === 1,
    oneRule,
    link: n.link,
  }
}

/** The headline every channel starts with: "🔴 告警：呼损率过高（共 5 条）". */
export function headline(m: Message): string {
  const count = m.oneRule && !m.single ? m.words.paren(m.words.count(m.total)) : ''
  return `${m.marker} ${m.label}${m.words.sep}${m.subject}${count}`
}

/** One line of a group's list: "北山区 呼损率 8.3%（阈值 5%），09:15 起". */
export function listLine(line: AlertLine, m: Message): string {
  const w = m.words
  const parts = [m.oneRule ? null : line.what, line.where, line.value].filter((p): p is string => p !== null)
  const when = line.resolved && line.resolvedAt ? `${w.resolvedAt} ${line.resolvedAt}` : w.fromTime(line.since)
  const ack = line.acknowledged ? `${w.comma}${w.acknowledged} ${line.acknowledged}` : ''
  return `${line.marker} ${parts.join(' ')}${w.comma}${when}${ack}`
}

/** How many alerts are not listed when `listed` are. */
export const unlisted = (m: Message, listed: number): number => m.total - Math.min(listed, m.lines.length)
