// Sounds the layout's alert tone while an alert that calls for it is firing:
// at once when a new one fires, then every `repeat_seconds` until every such
// alert is acknowledged (or resolves, or is silenced). Returns what the wall
// is doing, shown on the wall's root element (data-tone, data-tone-plays) for
// the people checking a wall and the end-to-end test, which cannot listen.
import { useEffect, useMemo, useRef, useState } from 'react'
import type { AlertTone } from '../../../schemas/layout.ts'
import { useOpenAlerts } from '../stores/alarm-store.ts'
import { useSnapshotStore } from '../stores/snapshot-store.ts'
import { playAlertTone } from '../alerts/alert-tone.ts'
import { alertsCallingForTone } from './alerts-calling-for-tone.ts'

export type ToneState = 'off' | 'muted' | 'quiet' | 'sounding'

export function useAlertTone(tone: Partial<AlertTone> | undefined, muted: boolean): { state: ToneState; plays: number } {
  const region = useSnapshotStore((s) => s.snapshot?.region ?? null)
  const alerts = useOpenAlerts(region)
  const severity = tone?.severity ?? 'critical'
  const repeatSeconds = tone?.repeat_seconds ?? 30
  const key = useMemo(() => (alerts && tone ? alertsCallingForTone(alerts, { severity, repeat_seconds: repeatSeconds }).join(',') : ''), [alerts, tone, severity, repeatSeconds])
  const [plays, setPlays] = useState(0)
  // The alerts already sounded for: one acknowledged among several restarts the repeat, it does not sound again at once.
  const heard = useRef<ReadonlySet<string>>(new Set())
  const active = tone !== undefined && !muted && key !== ''

  useEffect(() => {
    const ids = key === '' ? [] : key.split(',')
    const fresh = ids.some((id) => !heard.current.has(id))
    heard.current = new Set(ids)
    if (!active) return
    const sound = () => {
      playAlertTone()
      setPlays((n) => n + 1)
    }
    if (fresh) sound()
    const timer = setInterval(sound, repeatSeconds * 1000)
    return () => clearInterval(timer)
  }, [key, active, repeatSeconds])

  const state: ToneState = tone === undefined ? 'off' : muted ? 'muted' : active ? 'sounding' : 'quiet'
  return { state, plays }
}
