// What an unpaired wall shows: its pairing code, large enough to read across
// the hall, a QR code that opens the approval page with the code filled in,
// where to enter it, and how long it is good for. It renews the code by
// itself and calls `onPaired` the moment an administrator approves it.
import { useEffect, useRef, useState } from 'react'
import type { PairedDevice } from '../../../schemas/access-api.ts'
import { t } from '../i18n/dictionary.ts'
import { hideIdleCursor } from '../kiosk/idle-cursor.ts'
import { useNow } from '../stores/clock-store.ts'
import { FitCanvas } from './FitCanvas.tsx'
import { approvalLink, approvalPage, codeGroups, countdown } from './pairing-code.ts'
import { runPairing, type PairingView } from './pairing-loop.ts'
import { useQrCode } from './useQrCode.ts'

// One screen's design canvas, as the wall's own (wall/geometry.ts).
const WIDTH = 1920
const HEIGHT = 1080

function Code({ code, expiresAt }: { code: string; expiresAt: number }) {
  const now = useNow()
  const [first, second] = codeGroups(code)
  return (
    <>
      <div className="pairing__code" data-testid="pairing-code" data-code={code} aria-label={code}>
        <span>{first}</span>
        <span>{second}</span>
      </div>
      <div className="pairing__expiry" data-testid="pairing-expiry">
        {t('pairing.expires', { t: countdown(expiresAt - now) })}
      </div>
    </>
  )
}

export function PairingScreen({ onPaired }: { onPaired: (device: PairedDevice) => void }) {
  const [view, setView] = useState<PairingView>({ step: 'asking', problem: null })
  // The pairing runs once for the screen's life, whatever callback it is given.
  const paired = useRef(onPaired)
  useEffect(() => {
    paired.current = onPaired
  }, [onPaired])
  useEffect(() => runPairing({ view: setView, paired: (device) => paired.current(device) }), [])
  useEffect(() => hideIdleCursor(), [])

  const origin = window.location.origin
  const code = view.step === 'showing' ? view.code : null
  const qr = useQrCode(code === null ? null : approvalLink(origin, code))
  return (
    <FitCanvas width={WIDTH} height={HEIGHT}>
      <title>{t('pairing.title')}</title>
      <main className="pairing" data-testid="pairing-screen" data-step={view.step}>
        <h1 className="pairing__title">{t('pairing.title')}</h1>
        <div className="pairing__body">
          <div className="pairing__text">
            <div className="pairing__label">{t('pairing.codeLabel')}</div>
            {view.step === 'showing' ? <Code code={view.code} expiresAt={view.expiresAt} /> : <div className="pairing__asking">{t('pairing.asking')}</div>}
            <p className="pairing__how">
              {t('pairing.how')}
              <span className="pairing__url">{approvalPage(origin)}</span>
            </p>
            <p className="pairing__then">{t('pairing.then')}</p>
          </div>
          <div className="pairing__qr">
            {qr ? <img src={qr} alt={t('pairing.qrAlt')} data-testid="pairing-qr" /> : <div className="pairing__qr-empty" />}
            <div className="pairing__qr-caption">{t('pairing.scan')}</div>
          </div>
        </div>
        {view.problem && (
          <div className="pairing__problem" data-testid="pairing-problem">
            ▲ {t('pairing.problem', { m: view.problem })}
          </div>
        )}
        <footer className="pairing__footer">{t('pairing.people', { url: `${origin}/login` })}</footer>
      </main>
    </FitCanvas>
  )
}
