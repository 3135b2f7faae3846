// Feishu's rich-text ("post") message: a title and paragraphs of text and
// link elements, under the language key of the receiver (zh_cn or en_us).
// The whole request body must stay under 20 KB, so fewer alerts are listed
// until it does.
import { layout, MAX_LISTED } from './layout.ts'
import type { Message } from './message.ts'
import { utf8Bytes } from './utf8.ts'

/** Feishu's documented request body limit. */
export const FEISHU_BODY_LIMIT = 20 * 1024

type PostElement = { tag: 'text'; text: string } | { tag: 'a'; text: string; href: string }
export interface FeishuPost {
  msg_type: 'post'
  content: { post: Partial<Record<'zh_cn' | 'en_us', { title: string; content: PostElement[][] }>> }
}

function post(m: Message, listed: number): FeishuPost {
  const l = layout(m, listed)
  const content: PostElement[][] = [
    ...l.fields.map(([name, value]): PostElement[] => [{ tag: 'text', text: `${name}${m.words.sep}${value}` }]),
    ...[...l.list, ...l.notes].map((text): PostElement[] => [{ tag: 'text', text }]),
    [{ tag: 'a', text: l.linkText, href: l.link }],
  ]
  const key = m.lang === 'en' ? 'en_us' : 'zh_cn'
  return { msg_type: 'post', content: { post: { [key]: { title: l.headline, content } } } }
}

/** The post; `room` is what the rest of the body (timestamp, sign) leaves of the limit. */
export function renderFeishuPost(m: Message, room: number = FEISHU_BODY_LIMIT - 200): FeishuPost {
  for (let listed = MAX_LISTED; listed > 0; listed -= 1) {
    const body = post(m, listed)
    if (utf8Bytes(JSON.stringify(body)) <= room) return body
  }
  return post(m, 0)
}
