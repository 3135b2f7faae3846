// Markdown for the group robots: WeCom's subset (headings, bold, links,
// <font color> in three colours; a plain \n breaks a line) and DingTalk's
// (headings, bold, links; a line break needs a blank line). Both are cut to
// the robot's limit in UTF-8 bytes by listing fewer alerts, never mid-character.
import { layout, MAX_LISTED } from './layout.ts'
import type { Message } from './message.ts'
import { fitUtf8 } from './utf8.ts'

export type MarkdownFlavor = 'wecom' | 'dingtalk'

/** The documented limits: WeCom robot markdown 4096 bytes, WeCom application markdown 2048, DingTalk 20000. */
export const MARKDOWN_LIMITS = { wecom_robot: 4096, wecom_app: 2048, dingtalk_robot: 20_000 } as const

const WECOM_COLOUR = { info: 'comment', warning: 'warning', critical: 'warning' } as const

/** The message as markdown; `tail` (DingTalk's "@138…" line) always stays whole at the end. */
export function renderMarkdown(m: Message, flavor: MarkdownFlavor, maxBytes: number, tail = ''): string {
  const br = flavor === 'dingtalk' ? '\n\n' : '\n'
  const render = (listed: number) => {
    const l = layout(m, listed)
    const label = flavor === 'wecom' && m.status === 'firing' ? `<font color="${WECOM_COLOUR[m.severity]}">${l.label}</font>` : l.label
    const lines = [
      `### ${l.marker} ${label}${m.words.sep}${l.subject}`,
      ...l.fields.map(([name, value]) => `**${name}**${m.words.sep}${value}`),
      ...l.list,
      ...l.notes,
      `[${l.linkText}](${l.link})`,
    ]
    if (tail) lines.push(tail)
    return lines.join(br)
  }
  return fitUtf8(render, MAX_LISTED, maxBytes)
}
