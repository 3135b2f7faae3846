// The freshness indicator: green "live", amber "data delayed N s", red
// "disconnected", each with a shape as well as a colour.
import { timeOfDay } from '../format/center-time.ts'
import { t } from '../i18n/dictionary.ts'
import { useFreshness, type Freshness } from '../live/freshness.ts'
import { useTimeZone } from '../queries/territory-query.ts'

export function freshnessText(f: Freshness): string {
  switch (f.state) {
    case 'live':
      return t('fresh.live')
    case 'loading':
      return t('fresh.loading', { p: Math.floor(f.progress * 100) })
    case 'delayed':
      if (f.seconds === null) return t('fresh.noData')
      return f.seconds >= 600 ? t('fresh.delayedLong', { n: Math.floor(f.seconds / 60) }) : t('fresh.delayed', { n: f.seconds })
    case 'disconnected':
      return t('fresh.disconnected')
    case 'connecting':
      return t('fresh.connecting')
  }
}

const SHAPE: Record<Freshness['state'], string> = { live: '●', loading: '◐', delayed: '▲', disconnected: '■', connecting: '○' }

export function FreshnessBadge() {
  const f = useFreshness()
  const zone = useTimeZone()
  const watermark = f.state === 'live' || f.state === 'loading' || f.state === 'delayed' ? f.watermark : null
  const asOf = watermark !== null ? t('fresh.asOf', { t: timeOfDay(watermark, zone) }) : null
  return (
    <div className={`freshness freshness--${f.state}`} data-testid="freshness" data-state={f.state}>
      {asOf && <span className="freshness__asof">{asOf}</span>}
      <span className="freshness__label">
        <span className="freshness__shape">{SHAPE[f.state]}</span>
        {freshnessText(f)}
      </span>
    </div>
  )
}
