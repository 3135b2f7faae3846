// The clock: date and time in the center's time zone (rolling over at its
// midnight with the shared clock, no reload), the freshness of the data, and
// optionally the center's name.
import type { PanelOptions } from '../../../schemas/layout.ts'
import { longDate, timeOfDay } from '../format/center-time.ts'
import { pick } from '../i18n/lang.ts'
import { useTerritory, useTimeZone } from '../queries/territory-query.ts'
import { useNow } from '../stores/clock-store.ts'
import { FreshnessBadge } from './FreshnessBadge.tsx'

export function ClockPanel({ options }: { options: PanelOptions<'clock'> }) {
  const now = useNow()
  const zone = useTimeZone()
  const territory = useTerritory()
  const title = territory ? pick(territory.name_zh, territory.name_en) : ''
  return (
    <div className="panel panel--clock clock" data-panel="clock" data-ready="true">
      {options.show_title && (
        <div className="clock__title">
          {territory?.hotline && <span className="clock__hotline">{territory.hotline}</span>}
          <span>{title}</span>
        </div>
      )}
      <div className="clock__time" data-testid="clock">
        <span className="clock__date">{longDate(now, zone)}</span>
        <span className="clock__hms">{timeOfDay(now, zone)}</span>
      </div>
      <FreshnessBadge />
    </div>
  )
}
