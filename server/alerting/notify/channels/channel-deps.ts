// What a channel needs besides its receiver: the territory and time zone to
// render with, clocks for signatures and token lifetimes, the HTTP client,
// and, for the channels that keep state, the WeCom token cache and the Web
// Push keys. One ChannelDeps serves every receiver of a process.
import type { Alert } from '../../../../schemas/alerts.ts'
import type { Territory } from '../../../../schemas/territory.ts'
import type { Fetch } from './http-client.ts'
import type { DeliveredKeys } from './once.ts'
import type { WecomTokens } from './wecom-tokens.ts'

export interface VapidKeys {
  publicKey: string
  privateKey: string
}

export interface WebPushDeps {
  /** The VAPID keys (generated on the first start, kept in the store). */
  keys(): Promise<VapidKeys>
  /** VAPID's `sub`: a mailto: or https: URL where a push service can reach the operator. */
  subject: string
  /** A push service said this subscription is gone (404/410): forget it. */
  gone(endpoint: string): Promise<void>
}

export interface ChannelDeps {
  territory: Territory
  /** The center's time zone (CENTER_TZ; Asia/Shanghai by default): every time in a message is in it. */
  timeZone: string
  /** Where ${NAME} references are read from; process.env by default. */
  env?: Record<string, string | undefined>
  /** Signing timestamps and token lifetimes; the system clock by default. */
  now?: () => Date
  fetch?: Fetch
  /** Shared by the wecom_app receivers of a process, so a rebuilt receiver keeps its token. */
  wecomTokens?: WecomTokens
  webPush?: WebPushDeps
  /** The keys delivered so far, shared by the receivers of a process so that a rebuilt receiver (a reload) still knows them. */
  delivered?: DeliveredKeys
  /** The link to one alert (webhook generatorURL); the notification's link by default. */
  alertUrl?: (alert: Alert) => string
  /** The product's address (PUBLIC_URL) for the webhook's externalURL; the link's origin by default. */
  externalUrl?: string
}

/** How a receiver's messages are rendered: its language (zh unless it says en), the center's zone, the territory's names. */
export const contextFor = (receiver: { lang?: 'zh' | 'en' }, deps: ChannelDeps) => ({ lang: receiver.lang ?? 'zh', timeZone: deps.timeZone, territory: deps.territory })
