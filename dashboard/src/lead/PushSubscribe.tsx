// "接收推送通知": subscribes this browser to the lead's Web Push (asking the
// browser's permission only from the tap), or takes it back, and says where
// it stands in words: subscribed, not supported here, refused by the
// browser, or the push service unreachable, which in mainland China is
// Chrome's usual case. Pushes are a second channel: the robots (WeCom,
// DingTalk, Feishu) and SMS are the lead's main one, and the page says so.
import { useEffect, useState } from 'react'
import { t } from '../i18n/dictionary.ts'
import { pushState, subscribe, unsubscribe, type PushState } from './web-push-client.ts'

function StateLine({ state }: { state: PushState }) {
  switch (state.kind) {
    case 'checking':
      return <p className="hint">{t('push.checking')}</p>
    case 'unsupported':
      return <p className="lead-push__state">{t('push.unsupported')}</p>
    case 'denied':
      return <p className="lead-push__state lead-push__state--bad">{t('push.denied')}</p>
    case 'off':
      return <p className="lead-push__state">{t('push.off')}</p>
    case 'on':
      return <p className="lead-push__state lead-push__state--good">● {t('push.on')}</p>
    case 'unreachable':
      return <p className="lead-push__state lead-push__state--bad">{t('push.unreachable', { m: state.detail })}</p>
    case 'failed':
      return <p className="lead-push__state lead-push__state--bad">{t('push.failed', { m: state.detail })}</p>
  }
}

export function PushSubscribe() {
  const [state, setState] = useState<PushState>({ kind: 'checking' })
  const [busy, setBusy] = useState(false)
  useEffect(() => {
    let live = true
    pushState()
      .then((s) => live && setState(s))
      .catch((err: unknown) => live && setState({ kind: 'failed', detail: String(err) }))
    return () => {
      live = false
    }
  }, [])
  const run = async (step: () => Promise<PushState>) => {
    setBusy(true)
    try {
      setState(await step())
    } catch (err) {
      setState({ kind: 'failed', detail: String(err) })
    } finally {
      setBusy(false)
    }
  }
  const offerSubscribe = state.kind === 'off' || state.kind === 'unreachable' || state.kind === 'failed'
  return (
    <section className="desk__card lead__card lead-push" data-testid="push-subscribe" data-state={state.kind} aria-label={t('push.title')}>
      <h2>{t('push.title')}</h2>
      <StateLine state={state} />
      {offerSubscribe && (
        <button type="button" className="lead__button lead__button--primary" disabled={busy} data-testid="push-subscribe-button" onClick={() => void run(subscribe)}>
          {busy ? t('push.working') : t('push.subscribe')}
        </button>
      )}
      {state.kind === 'on' && (
        <button type="button" className="lead__button" disabled={busy} data-testid="push-unsubscribe-button" onClick={() => void run(unsubscribe)}>
          {busy ? t('push.working') : t('push.unsubscribe')}
        </button>
      )}
      <p className="hint lead-push__note">{t('push.mainChannel')}</p>
    </section>
  )
}
