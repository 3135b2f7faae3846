// Log entries of the walls' liveness (the display registry's heartbeats,
// looked at on every tick): a paired display gone dark (no heartbeat for
// three intervals, the registry's `silent`) and back again. Going dark is
// notable for the handover. Each dark spell is one entry, keyed by the last
// heartbeat before it.
import type { StoreQueryable } from '../../../core/store/store.ts'
import type { DisplayInfo, DisplayRegistry } from '../../displays/display-registry.ts'
import type { OperationsLog } from '../operations-log.ts'

export class DisplayEntries {
  /** Each display's last known darkness: the heartbeat its dark spell began after, or null while alive. */
  private readonly dark = new Map<string, string | null>()

  constructor(
    private readonly o: { registry: DisplayRegistry; store: StoreQueryable; log: OperationsLog },
  ) {}

  /** Looks at every display at `at`; resolves when the entries are written. */
  async observe(at: number): Promise<void> {
    for (const d of this.o.registry.list(at)) {
      const was = this.dark.get(d.device_id) ?? null
      if (d.silent && was === null) {
        this.dark.set(d.device_id, d.last_seen)
        await this.write(d, 'dark')
      } else if (!d.silent && was !== null) {
        this.dark.set(d.device_id, null)
        await this.write({ ...d, last_seen: was }, 'back')
      }
    }
  }

  private async write(d: DisplayInfo, change: 'dark' | 'back'): Promise<void> {
    const name = await this.nameOf(d.device_id)
    await this.o.log.report({
      category: 'display',
      text: change === 'dark' ? `大屏“${name}”无心跳` : `大屏“${name}”恢复心跳`,
      target: { type: 'display', id: d.device_id },
      kind: `display.${change}`,
      notable: change === 'dark',
      key: `display:${d.device_id}:${change}:${d.last_seen}`,
    })
  }

  private async nameOf(deviceId: string): Promise<string> {
    const rows = await this.o.store.query<{ name: string }>('SELECT name FROM devices WHERE id = $1', [deviceId]).catch(() => [])
    return rows[0]?.name || deviceId
  }
}
