// The wall's alert tone, generated with Web Audio (no sound file to fetch or
// to go missing): two short falling beeps, soft at the start and end so they
// do not click, loud enough to turn heads in a hall, short enough not to
// drown a phone call. Which alerts call for it is decided here too, apart
// from the timer, so the rule reads in one place.
import type { Alert } from '../../../schemas/alerts.ts'
import type { AlertTone } from '../../../schemas/layout.ts'

const RANK = { critical: 0, warning: 1, info: 2 } as const

/** The alerts that call for the tone: firing (nobody has acknowledged them), not silenced, of the tone's severity or worse. */
export function alertsCallingForTone(alerts: readonly Alert[], tone: AlertTone): string[] {
  return alerts
    .filter((a) => a.state === 'firing' && !a.silenced && RANK[a.severity] <= RANK[tone.severity])
    .map((a) => a.id)
    .sort()
}

let context: AudioContext | null = null

/** Plays the tone once. A browser that has not allowed sound yet (no gesture, no kiosk autoplay flag) stays silent rather than fail. */
export function playAlertTone(): void {
  context ??= new AudioContext()
  if (context.state === 'suspended') void context.resume().catch(() => undefined)
  const start = context.currentTime + 0.02
  const beep = (at: number, hz: number) => {
    const osc = context!.createOscillator()
    const gain = context!.createGain()
    osc.type = 'sine'
    osc.frequency.value = hz
    gain.gain.setValueAtTime(0, at)
    gain.gain.linearRampToValueAtTime(0.3, at + 0.015)
    gain.gain.setValueAtTime(0.3, at + 0.16)
    gain.gain.linearRampToValueAtTime(0, at + 0.2)
    osc.connect(gain).connect(context!.destination)
    osc.start(at)
    osc.stop(at + 0.22)
  }
  beep(start, 880)
  beep(start + 0.28, 660)
}
