// The chart of a `kpi` or `change` rule's alert on its detail: the KPI through
// today against yesterday and the same day last week, drawn by the wall's own
// trend chart (panels/trend-option.ts), with the rule's fire and clear
// thresholds as levels and the moment the alert started marked. Narrowed to
// the alert's region when it is about one; the series API narrows by region
// only, so an alert about another breakdown (a team, a queue) shows the whole
// territory and says so. A comparison with no data draws no line and says so
// in the legend, as on the wall.
import { useMemo } from 'react'
import type { AlertDetail, AlertRuleFacts } from '../../../schemas/alerts.ts'
import { KPI_DEFINITIONS } from '../../../schemas/kpis.ts'
import { useChartBox, useEChart } from '../charts/useEChart.ts'
import { formatKpiText } from '../format/kpi-format.ts'
import { t, type WordKey } from '../i18n/dictionary.ts'
import { pick } from '../i18n/lang.ts'
import { PanelMessage } from '../panels/PanelFrame.tsx'
import { trendOption } from '../panels/trend-option.ts'
import { useSeries } from '../queries/series-query.ts'
import { useNames, useTimeZone } from '../queries/territory-query.ts'
import { useSnapshotStore } from '../stores/snapshot-store.ts'

const FIRE = '#ff5d5d'
const CLEAR = '#37d399'
const MIN_VALUE = '#ffb020'
const START = '#e6edf7'

/** The levels the rule judges by: fire and clear for a kpi rule; what fired (factor × the comparison) and the least value for a change rule. */
function levelsOf(facts: AlertRuleFacts, alert: AlertDetail) {
  if (facts.fire !== null && facts.clear !== null)
    return [
      { value: facts.fire, label: t('alert.fire'), color: FIRE },
      { value: facts.clear, label: t('alert.clear'), color: CLEAR },
    ]
  return [
    ...(alert.threshold !== null ? [{ value: alert.threshold, label: t('alert.fire'), color: FIRE }] : []),
    ...(facts.min_value !== null ? [{ value: facts.min_value, label: t('alert.minValue'), color: MIN_VALUE }] : []),
  ]
}

function SeriesChart({ alert, facts, region }: { alert: AlertDetail; facts: AlertRuleFacts; region: string | null }) {
  // Each point is the KPI over a step as long as the rule's window (a quarter or an hour), so it reads against the thresholds.
  // Asked for once the live snapshot has come: the step in progress is cut on the server's clock, which it brings.
  const clockKnown = useSnapshotStore((s) => s.snapshot !== null)
  const series = useSeries(facts.kpi, 'today', clockKnown, region, facts.window === '60m' ? '1h' : '15m')
  const zone = useTimeZone()
  const { ref, font, width } = useChartBox()
  const points = series.points
  const option = useMemo(
    () =>
      points
        ? trendOption({
            kpi: facts.kpi,
            points,
            target: null,
            wholeDay: true,
            zone,
            font: Math.min(font, 16),
            width,
            levels: levelsOf(facts, alert),
            moments: [{ at: Date.parse(alert.started_at), label: t('alert.startMark'), color: START }],
          })
        : null,
    [points, facts, alert, zone, font, width],
  )
  useEChart(ref, option)
  return (
    <div className="alert-chart" data-testid="alert-chart" data-kpi={facts.kpi} data-region={region ?? ''}>
      <div ref={ref} className="chart-box__chart" />
      {points === null && <PanelMessage tone={series.error ? 'warn' : 'quiet'}>{series.error ? t('trend.failed', { m: series.error }) : t('trend.loading')}</PanelMessage>}
    </div>
  )
}

export function AlertChart({ alert }: { alert: AlertDetail }) {
  const names = useNames()
  const facts = alert.context.rule
  const scope = alert.context.scope
  if (facts === null) return alert.kind === 'kpi' || alert.kind === 'change' ? <p className="hint">{t('alert.noRule')}</p> : null
  const def = KPI_DEFINITIONS[facts.kpi]
  const label = pick(def.label_zh, def.label_en)
  const region = scope?.dimension === 'region' ? scope.key : null
  const otherBreakdown = scope !== null && scope.dimension !== null && scope.dimension !== 'region'
  return (
    <section className="desk__card alert-detail__chart">
      <h2>{t('alert.chart', { k: label })}</h2>
      <p className="hint" data-testid="alert-chart-scope">
        {otherBreakdown
          ? t('alert.totalInstead', { d: t(`by.${scope.dimension}` as WordKey), k: names[scope.key] ?? scope.key })
          : t('alert.scope', { s: region === null ? t('alert.total') : (names[region] ?? region) })}
        {facts.compare !== null &&
          ` · ${t('alert.changeRule', { c: t(`alert.compare.${facts.compare}` as WordKey), f: facts.factor ?? '', m: formatKpiText(facts.kpi, facts.min_value) })}`}
      </p>
      {def.kind === 'windowed' ? <SeriesChart alert={alert} facts={facts} region={region} /> : <p className="hint">{t('alert.noSeries', { k: label })}</p>}
    </section>
  )
}
