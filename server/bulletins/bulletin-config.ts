// The bulletins' settings, from the environment (README's configuration
// table, docs/command/bulletins.md): when each kind is due, how often the
// scheduler looks, and the font the PDF is written in. A bad value stops the
// start naming the variable; a missing font does not (the page, the XLSX and
// the push need none): the PDF download then says what to install.
import { ConfigError, readInt, readString, type Env } from '../../core/env.ts'
import type { DueTime } from './bulletin-periods.ts'

export interface BulletinConfig {
  /** When the daily warning summary is due (local time), or null: not scheduled. */
  daily: DueTime | null
  /** When the weekly bulletin is due (local weekday and time), or null: not scheduled. */
  weekly: DueTime | null
  /** How often the scheduler looks whether a bulletin is due. */
  checkMs: number
  /** A TrueType/OpenType font (or collection) with Chinese glyphs, and the PostScript name of the face to use in a collection. */
  font: { path: string; name: string | undefined }
}

const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT']
export const DEFAULT_FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'
export const DEFAULT_FONT_NAME = 'NotoSansCJKsc-Regular'

function clockMinute(name: string, text: string, example: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text)
  if (!m) throw new ConfigError(`${name} must be a local time HH:MM (e.g. ${example}) or "off", got '${text}'`)
  return Number(m[1]) * 60 + Number(m[2])
}

function readDaily(env: Env): DueTime | null {
  const text = readString(env, 'BULLETIN_DAILY_AT', '08:00').trim()
  if (text.toLowerCase() === 'off') return null
  return { minute: clockMinute('BULLETIN_DAILY_AT', text, '08:00') }
}

function readWeekly(env: Env): DueTime | null {
  const text = readString(env, 'BULLETIN_WEEKLY_AT', 'MON 09:00').trim()
  if (text.toLowerCase() === 'off') return null
  const m = /^([A-Za-z]{3})\s+(\S+)$/.exec(text)
  const weekday = m ? WEEKDAYS.indexOf(m[1].toUpperCase()) : -1
  if (!m || weekday < 0) throw new ConfigError(`BULLETIN_WEEKLY_AT must be a weekday and a local time, e.g. "MON 09:00" (${WEEKDAYS.join(', ')}), or "off", got '${text}'`)
  return { weekday, minute: clockMinute('BULLETIN_WEEKLY_AT', m[2], 'MON 09:00') }
}

export function loadBulletinConfig(env: Env): BulletinConfig {
  const name = readString(env, 'BULLETIN_FONT_NAME')
  return {
    daily: readDaily(env),
    weekly: readWeekly(env),
    checkMs: readInt(env, 'BULLETIN_CHECK_MS', 30_000, { min: 50, max: 3_600_000 }),
    font: { path: readString(env, 'BULLETIN_FONT', DEFAULT_FONT), name: name ?? (env.BULLETIN_FONT === undefined ? DEFAULT_FONT_NAME : undefined) },
  }
}
