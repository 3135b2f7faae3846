// The desk's lower left card, in tabs: the districts (as before, the
// default), this shift (ShiftPanel: its figures beside the day's, the last
// handover, handing over) and the operations log (LogPanel). The tab is the
// page's own state: the address keeps what is drilled into, not this.
import { useState, type ReactNode } from 'react'
import { t, type WordKey } from '../i18n/dictionary.ts'
import { LogPanel } from './LogPanel.tsx'
import { ShiftPanel } from './ShiftPanel.tsx'

const TABS = ['regions', 'shift', 'log'] as const
type Tab = (typeof TABS)[number]

export function SideTabs({ regions }: { regions: ReactNode }) {
  const [tab, setTab] = useState<Tab>('regions')
  return (
    <section className="desk__card desk__regions desk__side" data-tab={tab}>
      <header className="desk__card-head">
        <nav className="side__tabs" role="tablist">
          {TABS.map((id) => (
            <button key={id} type="button" role="tab" aria-selected={id === tab} className={`side__tab${id === tab ? ' side__tab--on' : ''}`} data-tab={id} onClick={() => setTab(id)}>
              {t(`side.${id}` as WordKey)}
            </button>
          ))}
        </nav>
        {tab === 'regions' && <span className="hint">{t('desk.regions')}</span>}
      </header>
      {tab === 'regions' ? regions : tab === 'shift' ? <ShiftPanel /> : <LogPanel />}
    </section>
  )
}
