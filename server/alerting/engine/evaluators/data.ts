// `data` rules: the wall's own truth. A source silent for N minutes while it
// is expected to send, the snapshot stale, a wall display dark (no heartbeat
// for N minutes), dead letters above a rate. "Expected to send": a polling
// source (the simulator, a Kafka consumer) says whether its flow is alive
// even when no event comes, so silence from it is a fault; a passive one
// (HTTP intake) is silent on every quiet night, so it is judged only when a
// rule names it.
import type { DataRule } from '../../../../schemas/alerting-config.ts'
import type { SourceHealth } from '../../../../schemas/snapshot.ts'
import { DEFAULT_SILENT_AFTER_MS } from '../../../displays/display-registry.ts'
import type { RuleContext, RuleEvaluator, ScopeDescription } from '../rule-evaluator.ts'
import type { DisplayNow } from '../tick-input.ts'

const MIN = 60_000

export const DATA_DEFAULTS = {
  /** source_silent and display_dark: minutes without a sign of life. */
  minutes: 5,
  /** dead_letter_rate: dead letters a minute, averaged over 5 minutes. */
  per_minute: 10,
} as const

export function compileDataRule(rule: DataRule, _ctx: RuleContext): RuleEvaluator {
  const limitMs = (rule.minutes ?? DATA_DEFAULTS.minutes) * MIN
  const named = rule.source !== undefined && rule.source !== '*' ? rule.source : null
  const perMinute = rule.per_minute ?? DATA_DEFAULTS.per_minute
  const minutes = (ms: number) => Math.floor(ms / MIN)

  const base = { absent: 'clear' as const, regions: [] }
  switch (rule.check) {
    case 'source_silent':
      return {
        ...base,
        dimension: 'source',
        evaluate(input, judge) {
          for (const s of input.territory.sources) {
            if (named === null ? !s.polling : s.source !== named) continue
            const silentMs = input.at - Date.parse(s.last_active_at)
            judge(s.source, s.state !== 'silent' ? 'clear' : silentMs >= limitMs ? 'fire' : 'between', minutes(silentMs), limitMs / MIN, s)
          }
        },
        describe: (key, subject) => ({ labels: { source: key }, annotations: { polling: String((subject as SourceHealth).polling) } }),
        summary: (alert) => `${rule.name}：数据源 ${alert.scope_key} 已 ${alert.value ?? '?'} 分钟无数据`,
      }
    case 'snapshot_stale':
      return {
        ...base,
        dimension: null,
        evaluate(input, judge) {
          const stale = input.territory.stale
          // The first start's history load says so itself, with its progress; it is not an outage.
          // Nothing stored at all (a new install, no source yet) is not stale figures either:
          // there are none, and source_silent speaks of the sources.
          if (input.territory.loading !== null || input.territory.watermark === null) return judge('', 'none', null, null)
          judge('', stale === null ? 'clear' : 'fire', stale === null ? 0 : minutes(input.at - Date.parse(stale.since)), null, stale)
        },
        describe: (_key, subject) => ({ labels: {}, annotations: { reason: (subject as { reason: string }).reason } }),
        summary: (alert) => `${rule.name}：大屏数据已过期 ${alert.value ?? 0} 分钟（${alert.annotations.reason}）`,
      }
    case 'display_dark':
      return {
        ...base,
        dimension: 'display',
        evaluate(input, judge) {
          for (const d of input.displays()) {
            const darkMs = input.at - d.last_seen
            judge(d.device_id, darkMs >= limitMs ? 'fire' : darkMs <= DEFAULT_SILENT_AFTER_MS ? 'clear' : 'between', minutes(darkMs), limitMs / MIN, d)
          }
        },
        describe: (key, subject) => ({ labels: { display: key }, annotations: { name: (subject as DisplayNow).name } }),
        summary: (alert) => `${rule.name}：大屏 ${alert.annotations.name} 已 ${alert.value ?? '?'} 分钟无心跳`,
      }
    case 'dead_letter_rate':
      return {
        ...base,
        dimension: null,
        evaluate(input, judge) {
          const rate = input.deadLettersPerMinute(named)
          // Back under half the rate before it clears: a trickle around the limit is one alert.
          if (rate === null) judge('', 'none', null, perMinute)
          else judge('', rate >= perMinute ? 'fire' : rate < perMinute / 2 ? 'clear' : 'between', rate, perMinute)
        },
        describe: (): ScopeDescription => ({ labels: named === null ? {} : { source: named }, annotations: {} }),
        summary: (alert) => `${rule.name}：${named === null ? '' : `数据源 ${named} `}死信 ${alert.value ?? '?'} 条/分钟（阈值 ${perMinute}）`,
      }
  }
}
