// Web Push's server side: VAPID keys made on the first start and kept in
// the store (the same pair from then on), and a lead subscribing and
// unsubscribing a browser: lead and up only, each person their own
// browsers, every change audited without the endpoint's capability path;
// pushes link to the alert on the lead's page, other channels to the desk.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadTerritory } from '../schemas/territory.ts'
import { processChannelDeps } from '../server/alerting/notify/channels/process-deps.ts'
import { alertPath } from '../server/alerting/notify/message.ts'
import { vapidSubject, WebPushStore } from '../server/alerting/notify/web-push-store.ts'
import { alert, regionAlerts } from './support/robots/alert-fixtures.ts'
import { openTestApp, type TestApp } from './server-harness.ts'
import { signedIn, type PersonCaller } from './support/access.ts'

let t: TestApp
let lead: PersonCaller
let otherLead: PersonCaller
let officer: PersonCaller

const browser = {
  endpoint: 'https://updates.push.services.mozilla.com/wpush/v2/gAAAAABmSecretCapabilityPath',
  keys: { p256dh: 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM', auth: 'tBHItJI5svbpez7KI4CCXg' },
  expirationTime: null,
}
const inject = (caller: PersonCaller, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) => t.app.inject({ method, url, headers: caller.headers, payload })

beforeAll(async () => {
  t = await openTestApp()
  lead = await signedIn(t.app, 'lead')
  otherLead = await signedIn(t.app, 'lead')
  officer = await signedIn(t.app, 'officer')
})
afterAll(async () => {
  await t?.close()
})

describe('VAPID keys', () => {
  it('are made on the first start, kept in the store, and the same for every later reader', async () => {
    const rows = await t.app.store.query<{ public_key: string }>('SELECT public_key FROM vapid_keys')
    expect(rows).toHaveLength(1)
    const res = await inject(lead, 'GET', '/api/v1/push/vapid-key')
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ public_key: rows[0].public_key })
    expect(rows[0].public_key).toMatch(/^[A-Za-z0-9_-]{87}$/)
    // Another process on the same database (a restart) reads the same pair rather than making one.
    const again = await new WebPushStore(t.app.store).keys()
    expect(again.publicKey).toBe(rows[0].public_key)
    expect(res.body).not.toContain(again.privateKey)
  })

  it('are for leads and up', async () => {
    expect((await inject(officer, 'GET', '/api/v1/push/vapid-key')).statusCode).toBe(403)
  })
})

describe('subscriptions', () => {
  it('a lead subscribes a browser; the web_push channel finds it by username; audited with the host only', async () => {
    const res = await inject(lead, 'POST', '/api/v1/push/subscriptions', browser)
    expect(res.statusCode).toBe(201)
    expect(res.json()).toEqual({ subscribed: true })
    const found = await t.app.webPush.subscriptionsOf([lead.username, otherLead.username])
    expect(found.get(lead.username)).toEqual([{ endpoint: browser.endpoint, keys: browser.keys }])
    expect(found.has(otherLead.username)).toBe(false)
    const audit = await t.app.store.query<{ action: string; target: string }>("SELECT action, target FROM audit_log WHERE action LIKE 'push.%' AND actor = $1", [lead.username])
    expect(audit).toEqual([{ action: 'push.subscribe', target: 'updates.push.services.mozilla.com' }])
  })

  it('subscribing the same browser again replaces it rather than adding a second', async () => {
    expect((await inject(lead, 'POST', '/api/v1/push/subscriptions', browser)).statusCode).toBe(201)
    const rows = await t.app.store.query('SELECT endpoint FROM push_subscriptions WHERE endpoint = $1', [browser.endpoint])
    expect(rows).toHaveLength(1)
  })

  it('refuses what is not a browser subscription, and officers', async () => {
    expect((await inject(lead, 'POST', '/api/v1/push/subscriptions', { ...browser, endpoint: 'http://push.example/x' })).statusCode).toBe(400)
    expect((await inject(lead, 'POST', '/api/v1/push/subscriptions', { endpoint: browser.endpoint, keys: { p256dh: 'short', auth: browser.keys.auth } })).statusCode).toBe(400)
    expect((await inject(officer, 'POST', '/api/v1/push/subscriptions', browser)).statusCode).toBe(403)
  })

  it('a lead unsubscribes only their own browsers', async () => {
    expect((await inject(otherLead, 'DELETE', '/api/v1/push/subscriptions', { endpoint: browser.endpoint })).statusCode).toBe(404)
    const res = await inject(lead, 'DELETE', '/api/v1/push/subscriptions', { endpoint: browser.endpoint })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ unsubscribed: true })
    expect((await t.app.webPush.subscriptionsOf([lead.username])).size).toBe(0)
    expect((await inject(lead, 'DELETE', '/api/v1/push/subscriptions', { endpoint: browser.endpoint })).statusCode).toBe(404)
  })

  it('a subscription a push service calls gone is deleted', async () => {
    await inject(lead, 'POST', '/api/v1/push/subscriptions', browser)
    await t.app.webPush.gone(browser.endpoint)
    expect((await t.app.webPush.subscriptionsOf([lead.username])).size).toBe(0)
  })
})

describe('the channels of the process', () => {
  it('link alerts to the desk under PUBLIC_URL and push with the stored keys under its https address', async () => {
    const deps = processChannelDeps({ territory: loadTerritory(), timeZone: 'Asia/Shanghai', publicUrl: new URL('https://cc.example.cn'), webPush: t.app.webPush })
    expect(deps.alertUrl?.(alert({ id: 'a 7' }))).toBe('https://cc.example.cn/desk/alerts/a%207')
    expect(deps.externalUrl).toBe('https://cc.example.cn')
    expect(deps.webPush?.subject).toBe('https://cc.example.cn')
    expect((await deps.webPush?.keys())?.publicKey).toBe((await t.app.webPush.keys()).publicKey)
    expect(vapidSubject(undefined)).toBe('mailto:alerting@localhost.invalid')
    expect(vapidSubject(new URL('http://cc.example.cn'))).toBe('mailto:alerting@localhost.invalid')
  })
})

describe('where a message links', () => {
  it("a push opens the alert on the lead's page (the page for several); every other channel the desk's", () => {
    expect(alertPath('web_push', [alert({ id: 'a 7' })])).toBe('/lead/alerts/a%207')
    expect(alertPath('web_push', regionAlerts(3))).toBe('/lead')
    expect(alertPath('dingtalk_robot', [alert({ id: 'a-1' })])).toBe('/desk/alerts/a-1')
    expect(alertPath('wecom_robot', regionAlerts(3))).toBe('/desk')
  })
})
