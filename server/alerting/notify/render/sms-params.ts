// SMS goes out through an approved template (China's carriers require one):
// the gateway fills the template's variables from these parameters. Each is
// short (Aliyun refuses a variable over 35 characters in most template
// types), the link excepted: a template that may carry a link names it.
import { layout } from './layout.ts'
import type { Message } from './message.ts'

export const SMS_PARAM_MAX = 35
export const SMS_PARAM_NAMES = ['severity', 'title', 'region', 'value', 'since', 'count', 'status', 'link'] as const
export type SmsParams = Record<(typeof SMS_PARAM_NAMES)[number], string>

const short = (s: string) => (Array.from(s).length <= SMS_PARAM_MAX ? s : `${Array.from(s).slice(0, SMS_PARAM_MAX - 1).join('')}…`)

/** severity 告警, title the rule (or the count), region/value/since of the worst alert, count, status 触发/恢复, link. */
export function smsParams(m: Message): SmsParams {
  const l = layout(m, 0)
  const first = m.lines[0]
  const firing = m.lang === 'en' ? 'firing' : '触发'
  return {
    severity: short(m.status === 'firing' ? m.words.severity[m.severity] : m.words.resolved),
    title: short(l.subject),
    region: short(first?.where ?? ''),
    value: short(first?.value ?? ''),
    since: short(first ? (first.resolved && first.resolvedAt ? first.resolvedAt : first.since) : ''),
    count: String(m.total),
    status: m.status === 'firing' ? firing : m.words.resolved,
    link: m.link,
  }
}
