// A bulletin's summary as a notice for the leads' channel: the kind and
// period, four key figures (alerts and time to acknowledge, supervision
// timeliness, outages and customer-minutes, KPIs in red) and the worst items,
// in both languages, with the link to its page. Routed by the labels
// `kind: bulletin` and `bulletin: daily|weekly` (schemas/alerting/default.yaml).
import type { Bulletin } from '../../schemas/bulletins.ts'
import type { Territory } from '../../schemas/territory.ts'
import type { Notice, NoticeText } from '../alerting/notify/notifier.ts'
import { Speaker, type Lang } from './bulletin-words.ts'

/** The route label every bulletin carries; a route that matches it takes bulletins (and no alert). */
export const BULLETIN_ROUTE_KIND = 'bulletin'

function text(b: Bulletin, s: Speaker): NoticeText {
  const w = s.w
  const ack = b.alerts.total.ack_minutes_avg
  return {
    label: w.kind[b.kind],
    subject: w.period(b.period_start, b.period_end),
    fields: [
      [w.fields.alerts, w.alertsLine(b.alerts.total.fired, ack === null ? '—' : w.minutes(s.number(ack)))],
      [w.fields.supervision, w.supervisionLine(b.supervision.total.issued, s.percent(b.supervision.total.timeliness))],
      [w.fields.outages, w.outagesLine(b.outages.total.started, b.outages.total.customers_affected, s.number(b.outages.total.customer_minutes_lost, 0))],
      [w.fields.red, w.redLine(b.worst.filter((x) => x.status === 'red').length)],
    ],
    list: b.worst.map((x) => `${x.status === 'red' ? '🔴' : '🟠'} ${s.region(x.region)} ${s.kpi(x.kpi)} ${s.value(x.kpi, x.value)}${x.target === null ? '' : ` / ${s.value(x.kpi, x.target)}`}`),
    linkText: w.open,
  }
}

export function bulletinNotice(b: Bulletin, territory: Territory): Notice {
  const of = (lang: Lang) => text(b, new Speaker(lang, territory))
  return {
    key: `bulletin:${b.id}`,
    labels: { kind: BULLETIN_ROUTE_KIND, bulletin: b.kind },
    text: { zh: of('zh'), en: of('en') },
    path: `/reports/${encodeURIComponent(b.id)}`,
    at: b.generated_at,
  }
}
