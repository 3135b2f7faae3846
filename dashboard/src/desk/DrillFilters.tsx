// The filters of the list on screen, each one a field of the address: the
// yes/no ones as toggles, the closed sets as selects, the id search as a box
// that applies on Enter (or when it loses focus), and the sort.
import { useState } from 'react'
import { AGENT_STATES, OUTAGE_KINDS, PRIORITIES, WORKORDER_CATEGORIES } from '../../../schemas/events.ts'
import { SUPERVISION_STATES } from '../../../schemas/supervision.ts'
import { t, tOr, type WordKey } from '../i18n/dictionary.ts'
import { pick } from '../i18n/lang.ts'
import { useTerritory } from '../queries/territory-query.ts'
import { FILTERS, type Drill } from './drill.ts'
import { enumWord } from './enum-words.ts'

const STATUSES = ['created', 'dispatched', 'accepted', 'in_progress', 'resolved', 'reopened', 'closed'] as const
const TOGGLES = new Set(['overdue', 'at_risk', 'open', 'active', 'etr_overrun', 'key_customers'])
const SORTS: Record<string, readonly string[]> = {
  workorders: ['urgency', 'due', 'created_desc', 'created_asc'],
  outages: ['customers', 'started', 'etr'],
  agents: ['team', 'longest'],
}

function Search({ value, onApply }: { value: string; onApply: (q: string) => void }) {
  const [text, setText] = useState(value)
  const [shownFor, setShownFor] = useState(value)
  // A search set from elsewhere (a link, clearing the filters) replaces what is typed.
  if (shownFor !== value) {
    setShownFor(value)
    setText(value)
  }
  return (
    <input
      type="search"
      className="drill-filter drill-filter--search"
      placeholder={t('desk.search')}
      aria-label={t('desk.search')}
      value={text}
      onChange={(e) => setText(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') onApply(text.trim())
      }}
      onBlur={() => onApply(text.trim())}
    />
  )
}

export function DrillFilters({ drill, onChange }: { drill: Drill; onChange: (filters: Record<string, string>) => void }) {
  const territory = useTerritory()
  const set = (key: string, value: string | null) => {
    const next = { ...drill.filters }
    if (value === null || value === '') delete next[key]
    else next[key] = value
    onChange(next)
  }
  const options: Record<string, Array<[string, string]>> = {
    region: (territory?.regions ?? []).map((r) => [r.code, pick(r.name_zh, r.name_en)]),
    team: (territory?.teams ?? []).map((tm) => [tm.code, pick(tm.name_zh, tm.name_en)]),
    category: WORKORDER_CATEGORIES.map((c) => [c, tOr(`cat.${c}`, c)]),
    status: STATUSES.map((s) => [s, tOr(`wostatus.${s}`, s)]),
    priority: PRIORITIES.map((p) => [p, enumWord('priority', p)]),
    kind: OUTAGE_KINDS.map((k) => [k, tOr(`outage.${k}`, k)]),
    state: drill.list === 'supervisions' ? SUPERVISION_STATES.map((s) => [s, t(`sv.state.${s}`)]) : AGENT_STATES.map((s) => [s, tOr(`agent.${s}`, s)]),
  }
  const keys = FILTERS[drill.list]
  if (keys.length === 0) return null
  return (
    <div className="drill-filters" data-testid="drill-filters">
      {keys.map((key) => {
        const value = drill.filters[key] ?? ''
        if (TOGGLES.has(key))
          return (
            <label key={key} className={`drill-toggle${value === 'true' ? ' drill-toggle--on' : ''}`}>
              <input type="checkbox" name={key} checked={value === 'true'} onChange={(e) => set(key, e.target.checked ? 'true' : null)} />
              {t(`f.${key}` as WordKey)}
            </label>
          )
        if (key === 'outage' || key === 'call')
          return value === '' ? null : (
            <button key={key} type="button" className="drill-toggle drill-toggle--on" onClick={() => set(key, null)}>
              {t(key === 'outage' ? 'desk.linkOutage' : 'desk.fromCall', { id: value })} ✕
            </button>
          )
        if (key === 'q') return <Search key={key} value={value} onApply={(q) => set('q', q)} />
        if (key === 'sort')
          return (
            <select key={key} name="sort" className="drill-filter" aria-label={t('desk.sort')} value={value} onChange={(e) => set('sort', e.target.value)}>
              {(SORTS[drill.list] ?? []).map((s, i) => (
                <option key={s} value={i === 0 ? '' : s}>
                  {t('desk.sort')}：{t(`sort.${s}` as WordKey)}
                </option>
              ))}
            </select>
          )
        return (
          <select key={key} name={key} className="drill-filter" aria-label={key} value={value} onChange={(e) => set(key, e.target.value)}>
            <option value="">
              {t(`col.${key === 'state' ? 'state' : key}` as WordKey)}：{t('desk.any')}
            </option>
            {(options[key] ?? []).map(([v, label]) => (
              <option key={v} value={v}>
                {label}
              </option>
            ))}
          </select>
        )
      })}
      {Object.keys(drill.filters).length > 0 && (
        <button type="button" className="button button--quiet" onClick={() => onChange({})}>
          {t('desk.clear')}
        </button>
      )}
    </div>
  )
}
