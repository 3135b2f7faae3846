// Log entries of the data sources' liveness (freshness, in every tick's
// snapshot: server/freshness): a polling source (the simulator, a Kafka
// consumer) gone silent, and live again. Passive sources (HTTP intake, file
// replays) are silent on every quiet night and are left out, as the
// source_silent alert rule leaves them out. Going silent is notable for the
// handover. Each silent spell is one entry, keyed by the source's last sign
// of life before it, so a restart does not report it again.
import type { SourceHealth } from '../../../schemas/snapshot.ts'
import type { OperationsLog } from '../operations-log.ts'

export class SourceEntries {
  /** Each source's last sign of life before its silent spell, or null while it is not silent. */
  private readonly silent = new Map<string, string | null>()

  constructor(private readonly log: OperationsLog) {}

  async observe(sources: readonly SourceHealth[]): Promise<void> {
    for (const s of sources) {
      if (!s.polling) continue
      const was = this.silent.get(s.source) ?? null
      if (s.state === 'silent' && was === null) {
        this.silent.set(s.source, s.last_active_at)
        await this.write(s.source, 'silent', s.last_active_at)
      } else if (s.state !== 'silent' && was !== null) {
        this.silent.set(s.source, null)
        await this.write(s.source, 'live', was)
      }
    }
  }

  private write(source: string, change: 'silent' | 'live', lastActive: string): Promise<void> {
    return this.log.report({
      category: 'source',
      text: change === 'silent' ? `数据源 ${source} 无数据` : `数据源 ${source} 恢复`,
      target: { type: 'source', id: source },
      kind: `source.${change}`,
      notable: change === 'silent',
      key: `source:${source}:${change}:${lastActive}`,
    })
  }
}
