// The alert tone on the lead's page: a new critical alert (the server's
// judgement: firing, not silenced or inhibited; alerts/inbox.ts) rings
// while the page is open, and, with the page in the background and
// notifications allowed, shows a notification that opens it on /lead. Phones
// play nothing before a tap, so the lead turns the sound on with one tap
// ("开启提示音"), remembered on this browser (stores/lead-sound-store.ts), and
// the card says when the browser has paused it again (a new visit, a tab
// brought back): the next tap anywhere on the page lets it play.
import { useEffect } from 'react'
import { playAlertTone, unlockAlertTone, useToneAudio } from '../alerts/alert-tone.ts'
import { useCriticalNotifier } from '../alerts/critical-notifier.ts'
import { t } from '../i18n/dictionary.ts'
import { useAlarmStore } from '../stores/alarm-store.ts'
import { useLeadSound } from '../stores/lead-sound-store.ts'

const leadAlertPath = (id: string) => `/lead/alerts/${encodeURIComponent(id)}`

type SoundState = 'off' | 'on' | 'blocked' | 'unsupported'

export function LeadSound() {
  const on = useLeadSound((s) => s.on)
  const { restore, set } = useLeadSound((s) => s.actions)
  const audio = useToneAudio()
  const alerts = useAlarmStore((s) => s.alerts)
  useEffect(restore, [restore])
  useCriticalNotifier(alerts, { alertPath: leadAlertPath, sound: on === true })

  // Wanted and not running: ask at once (some browsers allow it), then at the page's next tap or key.
  const waiting = on === true && audio === 'suspended'
  useEffect(() => {
    if (!waiting) return
    unlockAlertTone()
    const gesture = () => unlockAlertTone()
    document.addEventListener('pointerdown', gesture, true)
    document.addEventListener('keydown', gesture, true)
    return () => {
      document.removeEventListener('pointerdown', gesture, true)
      document.removeEventListener('keydown', gesture, true)
    }
  }, [waiting])

  if (on === null) return null
  const state: SoundState = audio === 'unsupported' ? 'unsupported' : !on ? 'off' : audio === 'running' ? 'on' : 'blocked'
  const enable = () => {
    set(true)
    unlockAlertTone()
    // Heard once at the tap: the lead knows what it sounds like and that the volume is up.
    playAlertTone()
  }
  return (
    <section className="desk__card lead__card lead-sound" data-testid="lead-sound" data-state={state} aria-label={t('sound.title')}>
      <p className={`lead-sound__state lead-sound__state--${state}`} role={state === 'blocked' ? 'alert' : undefined}>
        {t(`sound.${state}`)}
      </p>
      {(state === 'off' || state === 'blocked') && (
        <button type="button" className="lead__button lead__button--primary" data-testid="sound-enable" onClick={enable}>
          {t('sound.enable')}
        </button>
      )}
      {(state === 'on' || state === 'blocked') && (
        <button type="button" className="lead__button" data-testid="sound-disable" onClick={() => set(false)}>
          {t('sound.disable')}
        </button>
      )}
    </section>
  )
}
