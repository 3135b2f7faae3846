// Robots count their limits in UTF-8 bytes (WeCom markdown 4096, DingTalk
// 20000, WeCom text 2048), and a Chinese character is three of them: a cut
// at a byte count must never split a character, or the vendor refuses the
// whole body as invalid UTF-8.

export const utf8Bytes = (text: string): number => Buffer.byteLength(text, 'utf8')

/** `text` cut to at most `maxBytes` UTF-8 bytes, on a character boundary, with `ellipsis` at the end when cut. */
export function cutUtf8(text: string, maxBytes: number, ellipsis = '…'): string {
  if (utf8Bytes(text) <= maxBytes) return text
  const room = maxBytes - utf8Bytes(ellipsis)
  if (room <= 0) return ''
  let used = 0
  let end = 0
  // Iterating a string yields whole code points, so a surrogate pair (an emoji) is never split either.
  for (const ch of text) {
    const size = utf8Bytes(ch)
    if (used + size > room) break
    used += size
    end += ch.length
  }
  return text.slice(0, end) + ellipsis
}

/**
 * The longest rendering that fits: `render(n)` lists the first n alerts of a
 * group (and says how many more there are); fewer are listed until it fits,
 * and only a message that does not fit with none listed is cut.
 */
export function fitUtf8(render: (listed: number) => string, listed: number, maxBytes: number): string {
  for (let n = listed; n >= 0; n -= 1) {
    const text = render(n)
    if (utf8Bytes(text) <= maxBytes) return text
  }
  return cutUtf8(render(0), maxBytes)
}
