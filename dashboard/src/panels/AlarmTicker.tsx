// The alarm ticker: a pinned freshness warning when the data is delayed or the
// connection is down (shown at once, never waiting for the scroll), then the
// alarms the server judged (schemas/alarms.ts) scrolling by, in the words of
// the screen's language. The "overdue by" of an order counts on the shared clock.
import type { Alarm } from '../../../schemas/alarms.ts'
import { duration } from '../format/center-time.ts'
import { formatNumber } from '../format/kpi-format.ts'
import { t, tOr } from '../i18n/dictionary.ts'
import { useFreshness, type Freshness } from '../live/freshness.ts'
import { useNames } from '../queries/territory-query.ts'
import { useAlarms } from '../stores/alarm-store.ts'
import { useNow } from '../stores/clock-store.ts'
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

export function alarmText(a: Alarm, names: Record<string, string>, now: number): string {
  const region = names[a.region] ?? a.region
  switch (a.kind) {
    case 'outage_key_customers':
      return t('alarm.keyCustomers', { region, feeder: a.feeder, c: formatNumber(a.customers), k: formatNumber(a.key_customers) })
    case 'outage_etr_overrun':
      return t('alarm.etrOverrun', { region, feeder: a.feeder, c: formatNumber(a.customers) })
    case 'workorder_overdue':
      return t('alarm.overdue', {
        id: a.workorder_id,
        cat: tOr(`cat.${a.category}`, a.category),
        region,
        m: tOr(`milestone.${a.milestone}`, a.milestone),
        d: duration(now - Date.parse(a.due_at)),
      })
  }
}

const alarmKey = (a: Alarm) => a.key

function Item({ alarm, gone, names, now }: { alarm: Alarm; gone: boolean; names: Record<string, string>; now: number }) {
  const tone = gone ? 'gone' : alarm.severity === 'critical' ? 'red' : 'amber'
  return <span className={`ticker__item ticker__item--${tone}`}>{`${alarm.severity === 'critical' ? '■' : '▲'} ${alarmText(alarm, names, now)}`}</span>
}

export function AlarmTicker() {
  const region = useSnapshotStore((s) => s.snapshot?.region ?? null)
  const alarms = useAlarms(region)
  const names = useNames()
  const now = useNow()
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
          render={(alarm, gone) => <Item key={alarm.key} alarm={alarm} gone={gone} names={names} now={now} />}
        />
      )}
    </div>
  )
}
