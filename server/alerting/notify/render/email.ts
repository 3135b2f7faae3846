// An email: the headline as the subject, the plain text, and a simple HTML
// part (no images, no styles a mail client strips) with the same parts.
import { layout, MAX_LISTED } from './layout.ts'
import type { Message } from './message.ts'
import { renderText } from './plain-text.ts'

export interface EmailContent {
  subject: string
  text: string
  html: string
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** Email has no size limit worth cutting at; a group still lists only its first alerts. */
export function renderEmail(m: Message): EmailContent {
  const l = layout(m, MAX_LISTED)
  const rows = l.fields.map(([name, value]) => `<tr><th align="left">${escapeHtml(name)}</th><td>${escapeHtml(value)}</td></tr>`)
  const html = [
    `<h3>${escapeHtml(l.headline)}</h3>`,
    rows.length > 0 ? `<table>${rows.join('')}</table>` : '',
    l.list.length > 0 ? `<ul>${l.list.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>` : '',
    ...l.notes.map((note) => `<p>${escapeHtml(note)}</p>`),
    `<p><a href="${escapeHtml(l.link)}">${escapeHtml(l.linkText)}</a></p>`,
  ]
    .filter(Boolean)
    .join('\n')
  return { subject: l.headline, text: renderText(m, Number.MAX_SAFE_INTEGER, { headline: false }), html }
}
