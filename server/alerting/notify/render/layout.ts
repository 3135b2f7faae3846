// The parts of a message that every format arranges in its own way: the
// headline, the fields of a single alert (where, value, since, resolved,
// acknowledged) or the list of a group's first alerts with "还有 N 条" for
// the rest, and the link.
import { headline, listLine, unlisted, type Message } from './message.ts'

export interface Layout {
  marker: string
  /** 告警 / 升级 · 告警 / 已恢复. */
  label: string
  /** What follows the label: the rule's name and, for a group of one rule, the count. */
  subject: string
  /** marker, label and subject on one line. */
  headline: string
  /** A single alert's fields, as [name, value]. */
  fields: Array<[string, string]>
  /** A group's listed alerts, one line each. */
  list: string[]
  /** "还有 N 条" under a group's list. */
  notes: string[]
  linkText: string
  link: string
}

export function layout(m: Message, listed: number): Layout {
  const w = m.words
  if (m.notice) {
    const n = m.notice
    const rest = n.list.length - Math.min(listed, n.list.length)
    return { marker: m.marker, label: m.label, subject: m.subject, headline: headline(m), fields: n.fields, list: n.list.slice(0, listed), notes: rest > 0 ? [w.more(rest)] : [], linkText: n.linkText, link: m.link }
  }
  const fields: Array<[string, string]> = []
  const list: string[] = []
  const notes: string[] = []
  if (m.single && m.lines.length === 1) {
    const line = m.lines[0]
    fields.push([w.where, line.where])
    if (line.value !== null) fields.push([w.value, line.value])
    fields.push([w.since, line.since])
    if (line.resolvedAt !== null) fields.push([w.resolvedAt, line.resolvedAt])
    if (line.acknowledged !== null) fields.push([w.acknowledged, line.acknowledged])
  } else {
    for (const line of m.lines.slice(0, listed)) list.push(listLine(line, m))
    const rest = unlisted(m, listed)
    if (rest > 0) notes.push(w.more(rest))
  }
  const full = headline(m)
  return {
    marker: m.marker,
    label: m.label,
    subject: full.slice(`${m.marker} ${m.label}${w.sep}`.length),
    headline: full,
    fields,
    list,
    notes,
    linkText: w.open,
    link: m.link,
  }
}

/** How many alerts a group lists at most, whatever room a channel has: a message stays short. */
export const MAX_LISTED = 5
