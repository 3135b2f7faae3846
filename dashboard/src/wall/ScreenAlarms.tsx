// The states that must be impossible to miss from across the hall, repeated on
// every physical screen of the wall: delayed data (a pulsing amber frame and a
// large notice) and a lost connection (a red banner and frame). Nothing is
// drawn while the data is live.
import type { Layout } from '../../../schemas/layout.ts'
import { t } from '../i18n/dictionary.ts'
import { useFreshness } from '../live/freshness.ts'
import { freshnessText } from '../panels/FreshnessBadge.tsx'
import { screenBoxes } from './geometry.ts'

export function ScreenAlarms({ layout }: { layout: Layout }) {
  const f = useFreshness()
  if (f.state !== 'delayed' && f.state !== 'disconnected') return null
  const detail =
    f.state === 'disconnected'
      ? `${t('fresh.disconnectedFor', { n: f.seconds })}${f.attempt > 0 ? ` · ${t('fresh.reconnecting', { n: f.attempt })}` : ''}`
      : f.reason
        ? t('fresh.staleReason', { r: f.reason })
        : null
  return (
    <>
      {screenBoxes(layout).map((box, i) => (
        <div key={i} className={`screen-alarm screen-alarm--${f.state}`} style={box} data-testid="screen-alarm" data-state={f.state}>
          <div className="screen-alarm__banner">
            <span className="screen-alarm__text">
              {f.state === 'disconnected' ? '■' : '▲'} {freshnessText(f)}
            </span>
            {detail && <span className="screen-alarm__detail">{detail}</span>}
          </div>
        </div>
      ))}
    </>
  )
}
