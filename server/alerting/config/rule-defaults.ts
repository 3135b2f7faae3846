// What a rule or route means where the file says nothing, in one place for
// the checks, the engine, the notification pipeline and the docs
// (docs/alerting/config.md explains each choice). And which KPIs are counts
// and which are judged per counted item, read from the KPI registry.
import type { ReceiverType, RuleKind } from '../../../schemas/alerting-config.ts'
import { kpiEntry, KPI_IDS, type KpiId } from '../../../schemas/kpis.ts'
import { DEFAULT_TIMEOUT_MS } from '../notify/channels/delivery.ts'

/**
 * Hold before firing (`for`) and before resolving (`keep_firing_for`), per
 * kind. Figures that move with traffic hold a little so one bad minute is
 * not an alert; an overdue order or a silent source is a fact at once (a
 * data rule's own `minutes` is its hold).
 */
export const RULE_TIMING_DEFAULTS: Record<RuleKind, { for: string; keep_firing_for: string }> = {
  kpi: { for: '2m', keep_firing_for: '5m' },
  change: { for: '2m', keep_firing_for: '10m' },
  unexplained_surge: { for: '2m', keep_firing_for: '10m' },
  entity: { for: '0s', keep_firing_for: '0s' },
  data: { for: '0s', keep_firing_for: '1m' },
}

/** A rate or an average is not judged on fewer counted items than this (DOMAIN.md §3: 1 of 2 calls at 03:00 is not a crisis). */
export const DEFAULT_MIN_VOLUME = 20

/** source_silent and display_dark: silent this long (minutes). */
export const DEFAULT_SILENT_MINUTES = 5

/**
 * Route timing for a command center, not a server farm: see
 * docs/alerting/config.md ("Why these timings"). Alertmanager's are 30s, 5m, 4h.
 */
export const ROUTE_TIMING_DEFAULTS = { group_wait: '20s', group_interval: '2m', repeat_interval: '1h' } as const

/** A route's grouping where it names none: one message per rule, so a storm of one kind is one message, not hundreds. */
export const DEFAULT_GROUP_BY: readonly string[] = ['rule']

/** Escalation: the severities that escalate, and how often the last tier is reminded while nobody acknowledges. */
export const ESCALATION_DEFAULTS = { severities: ['warning', 'critical'], remind_every: '15m' } as const

/** A receiver's settings where it says nothing: messages in Chinese, resolutions sent, and the channels' deadline of one attempt. */
export const RECEIVER_DEFAULTS = { lang: 'zh', send_resolved: true, timeout_ms: DEFAULT_TIMEOUT_MS } as const

/**
 * Messages a minute each vendor accepts from one robot (DingTalk blocks a
 * robot for 10 minutes beyond 20): the most rate_limit_per_minute may say,
 * and the limit where it says nothing. Other receivers have none unless set.
 */
export const VENDOR_RATE_LIMITS: Partial<Record<ReceiverType, number>> = { dingtalk_robot: 20, wecom_robot: 20, feishu_bot: 100 }

/** Counts of events in a window (calls_offered, calls_answered): what `change` rules compare. */
export const COUNT_KPIS: readonly KpiId[] = KPI_IDS.filter((id) => kpiEntry(id).kind === 'windowed' && kpiEntry(id).unit === 'count')

/** Rates and averages over counted items (calls, repairs, surveys): what `min_volume` applies to. */
export const VOLUME_JUDGED_KPIS: readonly KpiId[] = KPI_IDS.filter((id) => {
  const entry = kpiEntry(id)
  return entry.kind === 'windowed' && (entry.unit === 'ratio' || entry.unit === 'seconds' || entry.unit === 'minutes')
})

/** Fractions from 0 to 1 (screens show percent). */
export const isRate = (id: KpiId) => kpiEntry(id).unit === 'ratio'
