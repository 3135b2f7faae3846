// The alerting services the app runs, made in one place so that app.ts only
// wires them: the rule engine over the KPI engine's entities, the
// unanswered supervision orders, the walls' heartbeats and the dead-letter rate; its silences; the copy of its
// transitions into ClickHouse.
import type { ClickHouseClient } from '@clickhouse/client'
import type { Store } from '../../core/store/store.ts'
import type { KpiDefinition, KpiId } from '../../schemas/kpis.ts'
import type { Territory } from '../../schemas/territory.ts'
import type { DisplayRegistry } from '../displays/display-registry.ts'
import type { KpiEngine } from '../kpi/kpi-engine.ts'
import type { UnansweredSupervisions } from '../supervision/unanswered-supervisions.ts'
import type { AlertingConfigSource } from './config/config-source.ts'
import { AlertEngine, type EngineLogger } from './engine/alert-engine.ts'
import { DeadLetterRate } from './engine/dead-letter-rate.ts'
import { SilenceBook } from './engine/silences.ts'
import type { HandoverDue } from './engine/tick-input.ts'
import { transitionCopy } from './engine/transition-copy.ts'
import { PlaceNames } from './engine/wording.ts'

export interface AlertingServicesOptions {
  store: Store
  clickhouse: ClickHouseClient
  config: AlertingConfigSource
  territory: Territory
  definitions: Record<KpiId, KpiDefinition>
  kpiEngine: KpiEngine
  displays: DisplayRegistry
  supervisions: UnansweredSupervisions
  /** Shifts whose handover is unconfirmed past the reminder time (server/handover). */
  handovers?: (at: number) => HandoverDue[]
  now: () => Date
  logger: EngineLogger
}

export interface AlertingServices {
  engine: AlertEngine
  silences: SilenceBook
}

export function alertingServices(opts: AlertingServicesOptions): AlertingServices {
  const silences = new SilenceBook(opts.store)
  const deadLetters = new DeadLetterRate(opts.clickhouse, opts.logger)
  const engine = new AlertEngine({
    store: opts.store,
    config: opts.config,
    context: { regionCodes: opts.territory.regions.map((r) => r.code), places: new PlaceNames(opts.territory), definitions: opts.definitions },
    sources: {
      entities: (at) => opts.kpiEngine.entitiesAt(at) ?? { workorders: [], outages: [] },
      supervisions: () => opts.supervisions.list(),
      displays: (at) => opts.displays.list(at).map((d) => ({ device_id: d.device_id, name: d.last_heartbeat.layout, last_seen: Date.parse(d.last_seen) })),
      deadLettersPerMinute: (source) => deadLetters.perMinute(source, opts.now().getTime()),
      handovers: (at) => opts.handovers?.(at) ?? [],
    },
    silences,
    now: opts.now,
    logger: opts.logger,
    transitions: transitionCopy(opts.store, opts.clickhouse, opts.logger),
  })
  return { engine, silences }
}
