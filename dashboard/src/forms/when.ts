// Times on the person pages: the browser's own time zone (these are desktop
// pages, read by the person at the desk), down to the second.
import { t } from '../i18n/dictionary.ts'
import { locale } from '../i18n/lang.ts'

export function dateTime(iso: string | null): string {
  if (iso === null) return '—'
  const ms = Date.parse(iso)
  if (!Number.isFinite(ms)) return iso
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'short', timeStyle: 'medium', hourCycle: 'h23' }).format(ms)
}

/** "12 s ago", "5 min ago", or the date and time beyond an hour. */
export function ago(iso: string | null, now: number): string {
  if (iso === null) return '—'
  const ms = Date.parse(iso)
  if (!Number.isFinite(ms)) return iso
  const s = Math.max(0, Math.round((now - ms) / 1000))
  if (s < 60) return t('when.secondsAgo', { n: s })
  if (s < 3600) return t('when.minutesAgo', { n: Math.floor(s / 60) })
  return dateTime(iso)
}
