// Plain text: the WeCom robot's text message (the one that can @ by mobile),
// Web Push bodies and the text part of an email. Same parts as the markdown,
// without markup.
import { layout, MAX_LISTED } from './layout.ts'
import type { Message } from './message.ts'
import { fitUtf8 } from './utf8.ts'

/** The WeCom robot's text content limit, in UTF-8 bytes. */
export const WECOM_TEXT_LIMIT = 2048

export function renderText(m: Message, maxBytes: number, opts: { headline?: boolean; listed?: number } = {}): string {
  const render = (listed: number) => {
    const l = layout(m, listed)
    return [
      ...(opts.headline === false ? [] : [l.headline]),
      ...l.fields.map(([name, value]) => `${name}${m.words.sep}${value}`),
      ...l.list,
      ...l.notes,
      `${l.linkText}${m.words.sep}${l.link}`,
    ].join('\n')
  }
  return fitUtf8(render, opts.listed ?? MAX_LISTED, maxBytes)
}
