// The rule engine over a real store with a virtual clock, fed made-up ticks:
// what the lifecycle and rule tests drive. `tick(after, shape)` moves the
// clock by `after` ms and judges a snapshot `shape` fills in.
import { createLogger } from '../../core/logger.ts'
import type { Store } from '../../core/store/store.ts'
import type { Rule } from '../../schemas/alerting-config.ts'
import type { Snapshot } from '../../schemas/snapshot.ts'
import { loadTerritory } from '../../schemas/territory.ts'
import type { AlertChange } from '../../server/alerting/alert-feed.ts'
import { StaticConfigSource } from '../../server/alerting/config/static-config-source.ts'
import { AlertEngine, type EngineSources } from '../../server/alerting/engine/alert-engine.ts'
import { SilenceBook } from '../../server/alerting/engine/silences.ts'
import { PlaceNames } from '../../server/alerting/engine/wording.ts'
import { emptySnapshot } from '../../server/empty-snapshot.ts'
import { loadKpiDefinitions } from '../../server/kpi/kpi-config.ts'
import { shanghaiTime } from './fixed-clock.ts'

export const territory = loadTerritory()
export const definitions = loadKpiDefinitions(undefined)
const logger = createLogger('alert-rig', { level: 'silent', format: 'json' })

export async function alertRig(store: Store, rules: Rule[], opts: { start?: number; sources?: Partial<EngineSources> } = {}) {
  const clock = { at: opts.start ?? shanghaiTime(10, 0) }
  const config = new StaticConfigSource(rules)
  const silences = new SilenceBook(store)
  const engine = new AlertEngine({
    store,
    config,
    context: { regionCodes: territory.regions.map((r) => r.code), places: new PlaceNames(territory), definitions },
    sources: { entities: () => ({ workorders: [], outages: [] }), supervisions: () => [], displays: () => [], deadLettersPerMinute: () => null, ...opts.sources },
    silences,
    now: () => new Date(clock.at),
    logger,
    transitions: null,
  })
  await engine.start()
  const changes: AlertChange[] = []
  engine.onChange((c) => changes.push(c))
  const tick = async (after: number, shape: (s: Snapshot) => void = () => {}, complete = true) => {
    clock.at += after
    const snapshot = emptySnapshot({ region: null, build: 'test', now: new Date(clock.at), definitions, staleAfterMs: 60_000 })
    snapshot.stale = null
    shape(snapshot)
    await engine.evaluate({ at: new Date(clock.at), territory: snapshot, regions: new Map(), complete })
  }
  const kinds = () => changes.map((c) => c.kind)
  return { engine, config, silences, clock, tick, changes, kinds }
}
