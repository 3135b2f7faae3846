// Web Push's state in the operational store (migration 005): the VAPID key
// pair, made on the first start and then always the same (a push service
// accepts pushes only under the key a subscription was made with), and the
// browsers each person subscribed from the lead page. Two processes
// starting at once on one database keep one pair: the first insert wins and
// both read it back.
import webpush from 'web-push'
import type { StoreQueryable } from '../../../core/store/store.ts'
import type { VapidKeys, WebPushDeps } from './channels/channel-deps.ts'
import type { Recipient } from './notifier.ts'

export type PushSubscription = NonNullable<Recipient['push']>[number]

export class WebPushStore {
  private cached: Promise<VapidKeys> | null = null

  constructor(
    private readonly db: StoreQueryable,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The installation's key pair, made and kept on the first call. */
  keys(): Promise<VapidKeys> {
    this.cached ??= this.loadOrMake().catch((err: unknown) => {
      this.cached = null
      throw err
    })
    return this.cached
  }

  private async loadOrMake(): Promise<VapidKeys> {
    const made = webpush.generateVAPIDKeys()
    await this.db.query('INSERT INTO vapid_keys (public_key, private_key, created_at) VALUES ($1, $2, $3) ON CONFLICT (singleton) DO NOTHING', [made.publicKey, made.privateKey, this.now()])
    const [row] = await this.db.query<{ public_key: string; private_key: string }>('SELECT public_key, private_key FROM vapid_keys')
    return { publicKey: row.public_key, privateKey: row.private_key }
  }

  /** Keeps a browser's subscription for a person; the same browser subscribing again replaces it. */
  async subscribe(userId: string, s: PushSubscription, userAgent: string): Promise<void> {
    await this.db.query(
      `INSERT INTO push_subscriptions (endpoint, user_id, p256dh, auth, user_agent, created_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (endpoint) DO UPDATE SET user_id = EXCLUDED.user_id, p256dh = EXCLUDED.p256dh, auth = EXCLUDED.auth, user_agent = EXCLUDED.user_agent, created_at = EXCLUDED.created_at`,
      [s.endpoint, userId, s.keys.p256dh, s.keys.auth, userAgent.slice(0, 300), this.now()],
    )
  }

  /** Forgets one of a person's browsers; false when the person had no such subscription. */
  async unsubscribe(userId: string, endpoint: string): Promise<boolean> {
    const rows = await this.db.query('DELETE FROM push_subscriptions WHERE user_id = $1 AND endpoint = $2 RETURNING endpoint', [userId, endpoint])
    return rows.length > 0
  }

  /** A push service said the subscription is gone (404, 410). */
  async gone(endpoint: string): Promise<void> {
    await this.db.query('DELETE FROM push_subscriptions WHERE endpoint = $1', [endpoint])
  }

  /** The subscriptions of each of these people (by username), for Recipient.push. */
  async subscriptionsOf(usernames: readonly string[]): Promise<Map<string, PushSubscription[]>> {
    const out = new Map<string, PushSubscription[]>()
    if (usernames.length === 0) return out
    const rows = await this.db.query<{ username: string; endpoint: string; p256dh: string; auth: string }>(
      `SELECT u.username, s.endpoint, s.p256dh, s.auth FROM push_subscriptions s JOIN users u ON u.id = s.user_id
       WHERE u.username = ANY($1) AND NOT u.disabled ORDER BY s.created_at`,
      [usernames],
    )
    for (const r of rows) {
      const list = out.get(r.username) ?? []
      list.push({ endpoint: r.endpoint, keys: { p256dh: r.p256dh, auth: r.auth } })
      out.set(r.username, list)
    }
    return out
  }

  /** What the web_push channel needs (channel-deps.ts): these keys, the VAPID subject, and forgetting gone subscriptions. */
  deps(subject: string): WebPushDeps {
    return { keys: () => this.keys(), subject, gone: (endpoint) => this.gone(endpoint) }
  }
}

/** VAPID's subject: the product's https address, or a mailto: (push services reject http:, and Safari https://localhost). */
export function vapidSubject(publicUrl: URL | undefined): string {
  return publicUrl && publicUrl.protocol === 'https:' && publicUrl.hostname !== 'localhost' ? publicUrl.origin : 'mailto:alerting@localhost.invalid'
}
