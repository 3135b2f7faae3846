// The alert rule the end-to-end alerting tests drive: the 15-minute
// abandonment rate of the whole territory, critical above 50 % of at least 20
// calls, cleared below 20 %, with no hold either way, so posted calls fire
// and clear it at once (a test can clear it by posting answered calls,
// without waiting out a window).
import type { Rule } from '../../schemas/alerting-config.ts'

export function abandonmentRule(id: string, name: string): Rule {
  return { id, name, kind: 'kpi', severity: 'critical', kpi: 'abandonment_rate', window: '15m', op: 'above', fire: 0.5, clear: 0.2, min_volume: 20, for: '0s', keep_firing_for: '0s' }
}
