// The one ChannelDeps of a server process: what every receiver shares (the
// WeCom token cache and the keys already delivered, so that a reloaded
// receiver keeps both), the links into the desk, and Web Push's keys and
// subscriptions from the store. The pipeline builds its notifiers with it.
import type { Territory } from '../../../../schemas/territory.ts'
import { vapidSubject, type WebPushStore } from '../web-push-store.ts'
import type { ChannelDeps } from './channel-deps.ts'
import { DeliveredKeys } from './once.ts'
import { WecomTokens } from './wecom-tokens.ts'

/** The alert's page on the desk: PUBLIC_URL + /desk/alerts/<id>. */
export const deskAlertUrl = (publicUrl: URL | string, alertId: string): string => new URL(`/desk/alerts/${encodeURIComponent(alertId)}`, publicUrl).toString()

export interface ProcessDepsOptions {
  territory: Territory
  timeZone: string
  /** PUBLIC_URL; without it links point at http://localhost (a message still names the alert). */
  publicUrl: URL | undefined
  webPush: WebPushStore
  now?: () => Date
}

export function processChannelDeps(opts: ProcessDepsOptions): ChannelDeps {
  const base = opts.publicUrl ?? new URL('http://localhost')
  return {
    territory: opts.territory,
    timeZone: opts.timeZone,
    now: opts.now,
    wecomTokens: new WecomTokens(opts.now),
    delivered: new DeliveredKeys(opts.now),
    webPush: opts.webPush.deps(vapidSubject(opts.publicUrl)),
    alertUrl: (alert) => deskAlertUrl(base, alert.id),
    externalUrl: base.origin,
  }
}
