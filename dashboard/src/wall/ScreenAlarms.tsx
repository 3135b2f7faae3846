// The states that must be impossible to miss from across the hall, repeated on
// every physical screen of the wall: history still loading (its progress, so
// nobody takes a half-loaded day for the truth), delayed data (a pulsing
// amber frame and a large notice) and a lost connection (a red banner and
// frame). Nothing is drawn while the data is live.
import type { Layout } from '../../../schemas/layout.ts'
import { t } from '../i18n/dictionary.ts'
import { useFreshness } from '../live/freshness.ts'
import { freshnessText } from '../panels/FreshnessBadge.tsx'
import { screenBoxes } from './geometry.ts'

export function ScreenAlarms({ layout }: { layout: Layout }) {
  const f = useFreshness()
  if (f.state !== 'delayed' && f.state !== 'disconnected' && f.state !== 'loading') return null
  const detail =
    f.state === 'disconnected'
      ? `${t('fresh.disconnectedFor', { n: f.seconds })}${f.attempt > 0 ? ` · ${t('fresh.reconnecting', { n: f.attempt })}` : ''}`
      : f.state === 'loading'
        ? t('fresh.loadingDetail')
        : f.reason
          ? t('fresh.staleReason', { r: f.reason })
          : null
  const shape = f.state === 'disconnected' ? '■' : f.state === 'loading' ? '◐' : '▲'
  return (
    <>
      {screenBoxes(layout).map((box, i) => (
        <div key={i} className={`screen-alarm screen-alarm--${f.state}`} style={box} data-testid="screen-alarm" data-state={f.state}>
          <div className="screen-alarm__banner">
            <span className="screen-alarm__text">
              {shape} {freshnessText(f)}
            </span>
            {detail && <span className="screen-alarm__detail">{detail}</span>}
          </div>
        </div>
      ))}
    </>
  )
}
