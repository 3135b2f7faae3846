// The alarm ticker: a pinned freshness warning when the data is delayed or the
// connection is down (shown at once, never waiting for the scroll), then the
// rule engine's firing and acknowledged alerts (schemas/alerts.ts) scrolling
// by, most serious first: the server's summary (what, where, the value
// against its threshold) and who acknowledged it.
import type { Alert } from '../../../schemas/alerts.ts'
import { hoursMinutes } from '../format/center-time.ts'
import { t } from '../i18n/dictionary.ts'
import { useFreshness, type Freshness } from '../live/freshness.ts'
import { useTimeZone } from '../queries/territory-query.ts'
import { useAlarms } from '../stores/alarm-store.ts'
import { useSnapshotStore } from '../stores/snapshot-store.ts'
import { LoopingItems, TICKER } from './LoopingItems.tsx'

function Pinned({ f }: { f: Freshness }) {
  if (f.state === 'disconnected') return <span className="ticker__pinned ticker__pinned--red">■ {t('alarm.disconnected')}</span>
  if (f.state === 'delayed') {
    // The reason is on every screen's banner; the ticker keeps to the one line that fits.
    return <span className="ticker__pinned ticker__pinned--amber">▲ {f.seconds === null ? t('fresh.noData') : t('alarm.delayed', { n: f.seconds })}</span>
  }
  return null
}

/** The server's one-line summary, with who acknowledged it and when. */
export function alarmText(a: Alert, zone: string): string {
  if (a.acknowledged === null) return a.summary
  return `${a.summary} · ${t('alarm.acknowledged', { who: a.acknowledged.display_name, at: hoursMinutes(Date.parse(a.acknowledged.at), zone) })}`
}

const alarmKey = (a: Alert) => a.id

function Item({ alarm, gone, zone }: { alarm: Alert; gone: boolean; zone: string }) {
  const tone = gone ? 'gone' : alarm.severity === 'critical' ? 'red' : 'amber'
  const shape = alarm.severity === 'critical' ? '■' : '▲'
  return <span className={`ticker__item ticker__item--${tone}`} data-state={alarm.state}>{`${shape} ${alarmText(alarm, zone)}`}</span>
}

export function AlarmTicker() {
  const region = useSnapshotStore((s) => s.snapshot?.region ?? null)
  const alarms = useAlarms(region)
  const zone = useTimeZone()
  const f = useFreshness()
  // "All clear" is only said about figures that are current.
  const trusted = f.state === 'live'
  return (
    <div className="panel panel--alarm_ticker ticker" data-panel="alarm_ticker" data-ready={alarms ? 'true' : 'false'}>
      <span className="ticker__tag">{t('zone.ticker')}</span>
      <Pinned f={f} />
      {!alarms ? (
        f.state === 'connecting' && <span className="ticker__quiet">{t('fresh.connecting')}</span>
      ) : alarms.length === 0 ? (
        trusted && <span className="ticker__ok">● {t('alarm.ok')}</span>
      ) : (
        <LoopingItems
          look={TICKER}
          items={alarms}
          keyOf={alarmKey}
          render={(alarm, gone) => <Item key={alarm.id} alarm={alarm} gone={gone} zone={zone} />}
        />
      )}
    </div>
  )
}
