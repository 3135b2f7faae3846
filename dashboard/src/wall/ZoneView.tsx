// One zone of the wall: its header (kind and title, and which page of a
// rotating zone is showing) and its panels. A rotating zone keeps every panel
// mounted and shows one at a time, so its charts are created once, not on
// every turn.
import { memo } from 'react'
import type { Layout, ZoneSpec } from '../../../schemas/layout.ts'
import { ChartVisibility } from '../charts/chart-visibility.ts'
import { t, type WordKey } from '../i18n/dictionary.ts'
import { pick } from '../i18n/lang.ts'
import { PanelView, panelTitle } from '../panels/PanelView.tsx'
import { useClockStore } from '../stores/clock-store.ts'
import { panelStyle, zoneBox } from './geometry.ts'

function useRotation(count: number, seconds: number | undefined): number {
  // Derived from the shared clock: no timer of its own, every wall showing the
  // same layout turns its pages at the same moment, and the zone re-renders
  // only when the page changes, not every second.
  return useClockStore((c) => (seconds === undefined || count < 2 ? -1 : Math.floor(c.now / 1000 / seconds) % count))
}

export const ZoneView = memo(function ZoneView({ zone, grid }: { zone: ZoneSpec; grid: Layout['grid'] }) {
  const active = useRotation(zone.panels.length, zone.rotate_seconds)
  const box = zoneBox(zone.rect, grid)
  const showHeader = zone.show_header ?? zone.kind !== 'ticker'
  const kindLabel = t(`zone.${zone.kind}` as WordKey)
  const custom = pick(zone.title_zh ?? '', zone.title_en ?? zone.title_zh ?? '')
  const rotating = active >= 0
  const current = rotating ? panelTitle(zone.panels[active]) : null
  return (
    <section
      className={`zone zone--${zone.kind}${showHeader ? '' : ' zone--bare'}`}
      style={box}
      data-zone={zone.id}
      data-zone-kind={zone.kind}
    >
      {showHeader && (
        <header className="zone__header">
          <span className="zone__kind">{kindLabel}</span>
          {custom && <span className="zone__title">{custom}</span>}
          {current && <span className="zone__title">{current}</span>}
          {rotating && (
            <span className="zone__pages" aria-label={`${active + 1} / ${zone.panels.length}`}>
              {zone.panels.map((_, i) => (
                <i key={i} className={i === active ? 'on' : ''} />
              ))}
            </span>
          )}
        </header>
      )}
      <div className="zone__body">
        {zone.panels.map((panel, i) => (
          <div
            key={i}
            className={`panel-slot${rotating && i !== active ? ' panel-slot--hidden' : ''}`}
            style={panelStyle(panel.rect, zone.rect)}
            aria-hidden={rotating && i !== active}
          >
            <ChartVisibility.Provider value={!rotating || i === active}>
              <PanelView spec={panel} showTitle={!rotating} />
            </ChartVisibility.Provider>
          </div>
        ))}
      </div>
    </section>
  )
})
