// The call center right now: calls waiting and the longest wait, the agents by
// state, each queue's waiting calls, and the last 15 minutes' service level.
import type { AgentState } from '../../../schemas/events.ts'
import { KPI_DEFINITIONS, type KpiId } from '../../../schemas/kpis.ts'
import { formatKpi, formatKpiText, seconds } from '../format/kpi-format.ts'
import { t, type WordKey } from '../i18n/dictionary.ts'
import { pick } from '../i18n/lang.ts'
import { useNames } from '../queries/territory-query.ts'
import { useSnapshotStore } from '../stores/snapshot-store.ts'
import { PanelFrame, PanelMessage } from './PanelFrame.tsx'
import { StatusBadge } from './StatusBadge.tsx'

// Working states first, in the order a supervisor reads them; offline is counted apart.
const BAR_STATES: AgentState[] = ['on_call', 'wrap_up', 'available', 'not_ready']
const RECENT: KpiId[] = ['service_level', 'abandonment_rate', 'asa_seconds']

function BigFigure({ id, label }: { id: KpiId; label: string }) {
  const cell = useSnapshotStore((s) => s.snapshot?.windows.today[id])
  const value = formatKpi(id, cell?.value ?? null)
  return (
    <div className={`figure figure--${cell?.status ?? 'none'}`} data-kpi={id}>
      <span className="figure__label">
        {label}
        <StatusBadge status={cell?.status ?? 'none'} compact />
      </span>
      <span className="figure__value">
        <span className="figure__number">{value.text}</span>
        <span className="figure__unit">{value.unit}</span>
      </span>
    </div>
  )
}

function AgentsBar() {
  const agents = useSnapshotStore((s) => s.snapshot?.current.agents_by_state)
  if (!agents) return null
  const online = BAR_STATES.reduce((n, state) => n + (agents[state] ?? 0), 0)
  return (
    <div className="agents">
      <div className="agents__head">
        <span>{t('cc.agents')}</span>
        <span className="agents__online">{t('cc.agentsOnline', { n: online })}</span>
      </div>
      <div className="agents__bar">
        {BAR_STATES.map((state) =>
          agents[state] > 0 ? <span key={state} className={`agents__seg agents__seg--${state}`} style={{ flexGrow: agents[state] }} /> : null,
        )}
      </div>
      <div className="agents__legend">
        {[...BAR_STATES, 'offline' as const].map((state) => (
          <span key={state} className={`agents__key agents__key--${state}`}>
            <i />
            {t(`agent.${state}` as WordKey)} <b>{agents[state] ?? 0}</b>
          </span>
        ))}
      </div>
    </div>
  )
}

function Queues() {
  const byQueue = useSnapshotStore((s) => s.snapshot?.current.queue.by_queue)
  const names = useNames()
  const rows = Object.entries(byQueue ?? {}).sort((a, b) => b[1].waiting - a[1].waiting)
  // Queues are listed while someone waits in any of them; a list of zeros would hide the one fact that matters.
  const waiting = rows.some(([, q]) => q.waiting > 0)
  return (
    <div className="queues">
      {/* "No one waiting" shares the heading's line: the panel is tallest in English, and the words must not be squeezed out. */}
      <div className="queues__head">
        {t('cc.queues')}
        {!waiting && <span className="queues__empty">{t('cc.noQueue')}</span>}
      </div>
      {waiting && (
        <div className="queues__rows">
          {rows.map(([code, q]) => {
            const wait = q.longest_wait_seconds === null ? null : seconds(q.longest_wait_seconds)
            return (
              <div key={code} className="queues__row">
                <span className="queues__name">{names[code] ?? code}</span>
                <span className="queues__waiting">{q.waiting}</span>
                <span className="queues__wait">{wait ? `${wait.text} ${wait.unit}` : '—'}</span>
              </div>
            )
          })}
        </div>
      )}
    </div>
  )
}

function Recent() {
  const cells = useSnapshotStore((s) => s.snapshot?.windows['15m'])
  return (
    <div className="recent">
      <span className="recent__label">{t('cc.last15')}</span>
      {RECENT.map((id) => (
        <span key={id} className={`recent__item recent__item--${cells?.[id]?.status ?? 'none'}`}>
          {pick(KPI_DEFINITIONS[id].label_zh, KPI_DEFINITIONS[id].label_en)} <b>{formatKpiText(id, cells?.[id]?.value ?? null)}</b>
        </span>
      ))}
    </div>
  )
}

export function CallCenterPanel({ title }: { title: string | null }) {
  const ready = useSnapshotStore((s) => s.snapshot !== null)
  return (
    <PanelFrame type="call_center" title={title} ready={ready}>
      {ready ? (
        <div className="cc">
          <div className="cc__figures">
            <BigFigure id="queue_now" label={t('cc.queue')} />
            <BigFigure id="longest_wait_now_seconds" label={t('cc.longestWait')} />
          </div>
          <AgentsBar />
          <Queues />
          <Recent />
        </div>
      ) : (
        <PanelMessage>{t('fresh.connecting')}</PanelMessage>
      )}
    </PanelFrame>
  )
}
