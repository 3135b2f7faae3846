// Green, amber or red, always with a shape and a word as well: colour alone
// fails for colour-blind viewers and on badly calibrated screens.
import type { KpiStatus } from '../../../schemas/kpis.ts'
import { t } from '../i18n/dictionary.ts'

const SHAPE: Record<Exclude<KpiStatus, 'none'>, string> = { green: '●', amber: '▲', red: '■' }

/** `compact` keeps the shape and drops the word, for figures too narrow for both (the shape still tells the status apart without colour). */
export function StatusBadge({ status, compact = false }: { status: KpiStatus; compact?: boolean }) {
  if (status === 'none') return null
  return (
    <span className={`status-badge status-badge--${status}${compact ? ' status-badge--compact' : ''}`} data-status={status} title={t(`status.${status}`)}>
      <span className="status-badge__shape">{SHAPE[status]}</span>
      {!compact && <span className="status-badge__word">{t(`status.${status}`)}</span>}
    </span>
  )
}
