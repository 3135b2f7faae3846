// The alarm ticker: a pinned freshness warning when the data is delayed or the
// connection is down (shown at once, never waiting for the scroll), then the
// alarms scrolling by.
import { useMemo } from 'react'
import { t } from '../i18n/dictionary.ts'
import { useFreshness, type Freshness } from '../live/freshness.ts'
import { useNames } from '../queries/territory-query.ts'
import { useNow } from '../stores/clock-store.ts'
import { useSnapshotStore } from '../stores/snapshot-store.ts'
import { alarmItems, type AlarmItem } from './alarm-items.ts'
import { LoopingItems, TICKER } from './LoopingItems.tsx'

function Pinned({ f }: { f: Freshness }) {
  if (f.state === 'disconnected') return <span className="ticker__pinned ticker__pinned--red">■ {t('alarm.disconnected')}</span>
  if (f.state === 'delayed') {
    // The reason is on every screen's banner; the ticker keeps to the one line that fits.
    return <span className="ticker__pinned ticker__pinned--amber">▲ {f.seconds === null ? t('fresh.noData') : t('alarm.delayed', { n: f.seconds })}</span>
  }
  return null
}

const alarmKey = (item: AlarmItem) => item.key

function Item({ item, gone, now }: { item: AlarmItem; gone: boolean; now: number }) {
  const tone = gone ? 'gone' : item.tone
  return <span className={`ticker__item ticker__item--${tone}`}>{`${item.tone === 'red' ? '■' : '▲'} ${item.text(now)}`}</span>
}

export function AlarmTicker() {
  const current = useSnapshotStore((s) => s.snapshot?.current)
  const names = useNames()
  const now = useNow()
  const items = useMemo(() => alarmItems(current, names), [current, names])
  const f = useFreshness()
  // "All clear" is only said about figures that are current.
  const trusted = f.state === 'live'
  return (
    <div className="panel panel--alarm_ticker ticker" data-panel="alarm_ticker" data-ready={current ? 'true' : 'false'}>
      <span className="ticker__tag">{t('zone.ticker')}</span>
      <Pinned f={f} />
      {!current ? (
        f.state === 'connecting' && <span className="ticker__quiet">{t('fresh.connecting')}</span>
      ) : items.length === 0 ? (
        trusted && <span className="ticker__ok">● {t('alarm.ok')}</span>
      ) : (
        <LoopingItems look={TICKER} items={items} keyOf={alarmKey} render={(item, gone) => <Item key={item.key} item={item} gone={gone} now={now} />} />
      )}
    </div>
  )
}
