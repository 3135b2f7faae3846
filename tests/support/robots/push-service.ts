// A Web Push service (RFC 8030) for the tests: it checks the VAPID
// Authorization header (RFC 8292: "vapid t=<JWT>, k=<public key>", an ES256
// JWT whose aud is this service's origin, exp within 24 hours) against the
// application server's public key, decrypts the aes128gcm payload (RFC 8188
// and 8291) with the subscriber's private key, and keeps what it read.
// Subscriptions it was told are gone answer 410, as real push services do.
import { createDecipheriv, createECDH, createPublicKey, hkdfSync, randomBytes, verify, type ECDH } from 'node:crypto'
import { TestHttpServer, type Answer, type Recorded } from './test-http-server.ts'

export interface TestSubscription {
  endpoint: string
  keys: { p256dh: string; auth: string }
}

interface Subscriber {
  ecdh: ECDH
  auth: Buffer
}

const b64u = (b: Buffer) => b.toString('base64url')

/** RFC 8291 §3.4 and RFC 8188 §2: one aes128gcm record, decrypted. */
export function decryptAes128gcm(body: Buffer, subscriber: Subscriber): string {
  const salt = body.subarray(0, 16)
  const idlen = body[20]
  const senderPublic = body.subarray(21, 21 + idlen)
  const record = body.subarray(21 + idlen)
  const secret = subscriber.ecdh.computeSecret(senderPublic)
  const info = Buffer.concat([Buffer.from('WebPush: info\0'), subscriber.ecdh.getPublicKey(), senderPublic])
  const ikm = Buffer.from(hkdfSync('sha256', secret, subscriber.auth, info, 32))
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16))
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12))
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce)
  decipher.setAuthTag(record.subarray(record.length - 16))
  const plain = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()])
  // The last record ends with the delimiter 0x02 and zero padding.
  const end = plain.lastIndexOf(2)
  return plain.subarray(0, end).toString('utf8')
}

export class PushService extends TestHttpServer {
  private readonly subscribers = new Map<string, Subscriber>()
  private readonly gone = new Set<string>()
  /** Per accepted push: the subscription id, the decrypted payload, and the headers that matter. */
  readonly delivered: Array<{ id: string; payload: string; ttl: string; urgency: string; topic: string }> = []
  readonly refusals: string[] = []

  constructor(private readonly vapidPublicKey: () => string) {
    super()
  }

  /** A browser's subscription on this service, with the keys only the browser holds kept here. */
  subscribe(): TestSubscription {
    const id = b64u(randomBytes(12))
    const ecdh = createECDH('prime256v1')
    ecdh.generateKeys()
    const auth = randomBytes(16)
    this.subscribers.set(id, { ecdh, auth })
    return { endpoint: `${this.url}/push/${id}`, keys: { p256dh: b64u(ecdh.getPublicKey()), auth: b64u(auth) } }
  }

  /** The browser unsubscribed: the push service answers 410 Gone from now on. */
  unsubscribe(endpoint: string): void {
    this.gone.add(endpoint.split('/').at(-1) ?? '')
  }

  private refuse(status: number, why: string): Answer {
    this.refusals.push(why)
    return { status, body: why }
  }

  protected answer(r: Recorded): Answer {
    const id = r.path.replace(/^\/push\//, '')
    if (this.gone.has(id)) return { status: 410, body: 'push subscription has unsubscribed or expired' }
    const subscriber = this.subscribers.get(id)
    if (r.method !== 'POST' || !subscriber) return { status: 404, body: 'no such subscription' }
    const match = /^vapid t=([^,]+), k=(.+)$/.exec(String(r.headers.authorization ?? ''))
    if (!match) return this.refuse(401, 'no VAPID authorization')
    const [, jwt, k] = match
    if (k !== this.vapidPublicKey()) return this.refuse(403, 'VAPID key is not the application server key')
    const [header, claims, signature] = jwt.split('.')
    const raw = Buffer.from(k, 'base64url')
    const key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: b64u(raw.subarray(1, 33)), y: b64u(raw.subarray(33, 65)) }, format: 'jwk' })
    const valid = verify('sha256', Buffer.from(`${header}.${claims}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'))
    if (!valid) return this.refuse(403, 'VAPID signature does not verify')
    const c = JSON.parse(Buffer.from(claims, 'base64url').toString()) as { aud: string; exp: number; sub: string }
    if (c.aud !== this.url || c.exp * 1000 < Date.now() || c.exp * 1000 > Date.now() + 24 * 3_600_000 || !/^(mailto:|https:)/.test(c.sub)) {
      return this.refuse(403, 'VAPID claims invalid')
    }
    if (r.headers['content-encoding'] !== 'aes128gcm') return this.refuse(415, 'aes128gcm only')
    const payload = decryptAes128gcm(r.raw, subscriber)
    this.delivered.push({ id, payload, ttl: String(r.headers.ttl), urgency: String(r.headers.urgency), topic: String(r.headers.topic) })
    return { status: 201, body: '' }
  }
}
