// The configured receivers and a notifier for each, made by the channels'
// factory. A reload keeps the notifier of a receiver whose configuration did
// not change (a WeCom application's cached token, a connection pool), makes a
// new one for a changed receiver, and forgets removed ones.
import type { Receiver } from '../../../schemas/alerting-config.ts'
import type { Notifier } from './notifier.ts'

export type CreateNotifier = (receiver: Receiver) => Notifier

interface Entry {
  receiver: Receiver
  text: string
  notifier: Notifier
}

export class Receivers {
  private entries = new Map<string, Entry>()

  constructor(private readonly create: CreateNotifier) {}

  configure(receivers: readonly Receiver[]): void {
    const next = new Map<string, Entry>()
    for (const receiver of receivers) {
      const text = JSON.stringify(receiver)
      const old = this.entries.get(receiver.id)
      next.set(receiver.id, old && old.text === text ? old : { receiver, text, notifier: this.create(receiver) })
    }
    this.entries = next
  }

  receiver(id: string): Receiver | undefined {
    return this.entries.get(id)?.receiver
  }

  notifier(id: string): Notifier | undefined {
    return this.entries.get(id)?.notifier
  }
}
