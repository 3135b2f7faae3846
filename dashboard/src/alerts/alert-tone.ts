// The alert tone every screen plays (the wall, the desk, the lead's phone),
// generated with Web Audio (no sound file to fetch or to go missing): two
// short falling beeps, soft at the start and end so they do not click, loud
// enough to turn heads in a hall, short enough not to drown a phone call.
//
// Browsers keep a page's audio suspended until a person has touched it
// (mobile ones always; a kiosk wall is started with a flag that lifts it):
// `unlockAlertTone` is for a tap, and `useToneAudio` says whether sound can
// play now, so a page can say when it is blocked instead of staying silent.
import { useSyncExternalStore } from 'react'

/** The beeps of one tone: [delay after the first (s), pitch (Hz)]. */
const BEEPS: ReadonlyArray<readonly [number, number]> = [
  [0, 880],
  [0.28, 660],
]

/** How many beeps one tone is (a test that counts oscillators counts tones with it). */
export const TONE_BEEPS = BEEPS.length

export type ToneAudio = 'unsupported' | 'suspended' | 'running'

let context: AudioContext | null = null
let listeners: Array<() => void> = []
const tell = () => {
  for (const l of listeners) l()
}

const supported = (): boolean => typeof AudioContext !== 'undefined'

function audio(): AudioContext {
  if (!context) {
    context = new AudioContext()
    context.onstatechange = tell
    tell()
  }
  return context
}

/** Whether sound plays now: `suspended` until the browser lets this page make sound. */
export function toneAudio(): ToneAudio {
  if (!supported()) return 'unsupported'
  return context?.state === 'running' ? 'running' : 'suspended'
}

/** Re-renders with toneAudio(). */
export function useToneAudio(): ToneAudio {
  return useSyncExternalStore((listener) => {
    listeners.push(listener)
    return () => {
      listeners = listeners.filter((l) => l !== listener)
    }
  }, toneAudio)
}

/**
 * Asks the browser to let the page's audio run: from a tap or a key (a user
 * gesture), or on load where a browser may allow it without one. Never
 * awaited: a browser that refuses leaves the request pending until a
 * gesture; useToneAudio says when it runs.
 */
export function unlockAlertTone(): void {
  if (!supported()) return
  const ctx = audio()
  if (ctx.state !== 'running') void ctx.resume().catch(() => undefined)
}

/** Plays the tone once. A browser that has not allowed sound yet (no gesture, no kiosk autoplay flag) stays silent rather than fail. */
export function playAlertTone(): void {
  const ctx = audio()
  if (ctx.state === 'suspended') void ctx.resume().catch(() => undefined)
  const start = ctx.currentTime + 0.02
  for (const [delay, hz] of BEEPS) {
    const at = start + delay
    const osc = ctx.createOscillator()
    const gain = ctx.createGain()
    osc.type = 'sine'
    osc.frequency.value = hz
    gain.gain.setValueAtTime(0, at)
    gain.gain.linearRampToValueAtTime(0.3, at + 0.015)
    gain.gain.setValueAtTime(0.3, at + 0.16)
    gain.gain.linearRampToValueAtTime(0, at + 0.2)
    osc.connect(gain).connect(ctx.destination)
    osc.start(at)
    osc.stop(at + 0.22)
  }
}
