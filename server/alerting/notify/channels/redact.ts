// What must never leave a channel in a text: its secrets (robot secrets,
// the WeCom application secret, SMTP passwords, gateway credentials in
// headers), the keys robot URLs carry in their query (WeCom `key`,
// DingTalk `access_token`) or path (Feishu's hook id), and a signed URL
// whole. A redactor replaces each with "***" wherever it appears.
import type { Receiver } from '../../../../schemas/alerting-config.ts'

export type Redactor = (text: string) => string

const MIN_SECRET = 4
/** A URL path segment this long is a token (Feishu's hook id), not a word. */
const TOKEN_SEGMENT = 16

function urlSecrets(raw: string): string[] {
  const out = [raw]
  try {
    const url = new URL(raw)
    for (const value of url.searchParams.values()) out.push(value, encodeURIComponent(value))
    for (const segment of url.pathname.split('/')) if (segment.length >= TOKEN_SEGMENT) out.push(segment)
    if (url.password) out.push(url.password)
  } catch {
    // not a URL: the whole string is still redacted
  }
  return out
}

/** The secret strings of a receiver whose ${ENV} references are already expanded. */
export function secretsOf(receiver: Receiver): string[] {
  const out: string[] = []
  if ('secret' in receiver) out.push(receiver.secret)
  if ('url' in receiver) out.push(...urlSecrets(receiver.url))
  if ('headers' in receiver && receiver.headers) out.push(...Object.values(receiver.headers))
  if (receiver.type === 'email' && receiver.smtp.password) out.push(receiver.smtp.password)
  if (receiver.type === 'sms') {
    // Gateways take credentials in the body template (Aliyun's AccessKeyId and signature, an API key): all but the placeholders.
    for (const value of Object.values(receiver.body)) if (!/^\{\{[a-z_]+\}\}$/.test(value)) out.push(value)
  }
  return out
}

export function makeRedactor(secrets: string[]): Redactor {
  // Longest first, so that a secret containing another is replaced whole.
  const list = [...new Set(secrets.filter((s) => s.length >= MIN_SECRET))].sort((a, b) => b.length - a.length)
  return (text) => list.reduce((acc, secret) => acc.split(secret).join('***'), text)
}
