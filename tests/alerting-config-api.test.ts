// The alerting configuration in a running app, over a real embedded store:
// ALERTING_FILE read at start (a bad one stops the start naming the line and
// field), leads reading it with secrets masked, administrators editing it
// (each edit checked whole, audited, kept in the store over the file, and
// heard by the engine's subscription), refusals for lesser roles, a reload
// that keeps the last good configuration, and secrets in no answer, audit
// entry or log line.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ConfigError } from '../core/env.ts'
import type { AlertingConfig } from '../server/alerting/config/config-source.ts'
import { AlertingConfigService } from '../server/alerting/config/config-service.ts'
import { buildApp } from '../server/app.ts'
import { capturingLogger, openTestApp, territory, testConfig, type TestApp } from './server-harness.ts'
import { signedIn, type PersonCaller } from './support/access.ts'
import { shanghaiTime } from './support/fixed-clock.ts'

const DING_URL = 'https://oapi.dingtalk.com/robot/send?access_token=tok-SECRET-1234'
const DING_SECRET = 'SECsigning-SECRET-5678'
const ENV = { DING_URL, DING_SECRET }
const SECRETS = [DING_URL, 'tok-SECRET-1234', DING_SECRET]

const FILE = `rules:
  - id: sl-low
    name: 20秒接通率低
    kind: kpi
    severity: critical
    kpi: service_level
    window: 15m
    op: below
    fire: 0.7
    clear: 0.8
  - id: stale
    name: 大屏数据过期
    kind: data
    severity: warning
    check: snapshot_stale
receivers:
  - id: ding
    type: dingtalk_robot
    url: \${DING_URL}
    secret: \${DING_SECRET}
  - id: inline
    type: dingtalk_robot
    url: https://oapi.dingtalk.com/robot/send?access_token=tok-SECRET-1234
    secret: SECsigning-SECRET-5678
  - id: push
    type: web_push
    to: [lead_on_duty]
routes:
  - match: { severity: critical }
    receivers: [ding, push]
escalation:
  tiers:
    - after: 10m
      notify: [push]
roster:
  shifts:
    - { id: day, name: 白班, start: '08:30', end: '20:30' }
    - { id: night, name: 夜班, start: '20:30', end: '08:30' }
  teams:
    a: { lead: lead.a, officers: [officer.a] }
  rotation: { anchor: '2026-01-01', days: [{ day: a, night: a }] }
`

const dir = mkdtempSync(join(tmpdir(), 'cc-alerting-api-'))
const file = join(dir, 'alerting.yaml')
writeFileSync(file, FILE)
const clock = shanghaiTime(9, 0)
const log = capturingLogger()
let t: TestApp
let app: FastifyInstance
let admin: PersonCaller
let lead: PersonCaller
const heard: AlertingConfig[] = []

beforeAll(async () => {
  t = await openTestApp({ config: testConfig({ ALERTING_FILE: file }), env: ENV, logger: log.logger, now: () => new Date(clock) })
  app = t.app
  app.alertingConfig.onChange((config) => heard.push(config))
  admin = await signedIn(app, 'admin')
  lead = await signedIn(app, 'lead')
})
afterAll(async () => {
  await t?.close()
})

type Json = Record<string, unknown> & { problems?: string[]; message?: string }
async function call(method: 'GET' | 'PUT' | 'DELETE' | 'POST', url: string, caller: PersonCaller, payload?: unknown): Promise<{ status: number; body: Json; text: string }> {
  const res = await app.inject({ method, url: `/api/v1${url}`, headers: caller.headers, ...(payload !== undefined ? { payload: payload as object } : {}) })
  return { status: res.statusCode, body: (res.body ? res.json() : {}) as Json, text: res.body }
}
const rule = (id: string) => app.alertingConfig.current().rules.find((r) => r.id === id)
const slLow = { name: '20秒接通率低', kind: 'kpi', severity: 'critical', kpi: 'service_level', window: '15m', op: 'below', fire: 0.65, clear: 0.8 }

async function auditRows(action: string): Promise<Array<{ actor: string; target: string; detail: Record<string, unknown>; outcome: string }>> {
  return t.store.query('SELECT actor, target, detail, outcome FROM audit_log WHERE action = $1 ORDER BY id', [action])
}

describe('the alerting configuration', () => {
  it('is read from ALERTING_FILE at start, ${VAR} references checked and left for the channels to expand', () => {
    const config = app.alertingConfig.current()
    expect(config.origin).toBe(file)
    expect(config.rules.map((r) => r.id)).toEqual(['sl-low', 'stale'])
    expect(config.receivers[0]).toMatchObject({ id: 'ding', url: '${DING_URL}', secret: '${DING_SECRET}' })
    expect(config.escalation?.tiers).toHaveLength(1)
  })

  it('stops the start on a bad file, naming the file, the line and the field', async () => {
    const bad = join(dir, 'bad.yaml')
    writeFileSync(bad, FILE.replace('clear: 0.8', 'clear: 0.5'))
    const err = await buildApp({ storage: t.storage, store: t.store, config: testConfig({ ALERTING_FILE: bad }), territory, sink: t.pipeline, env: ENV }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ConfigError)
    expect((err as Error).message).toMatch(/^ALERTING_FILE .*bad\.yaml line 10: rules\[0\]\.clear \(rule sl-low\): 0\.5 is not on the non-firing side of fire 0\.7/)
  })

  it('is shown to leads with every secret masked, and to nobody below', async () => {
    const res = await call('GET', '/alerting/config', lead)
    expect(res.status).toBe(200)
    const receivers = res.body.receivers as Array<Record<string, unknown>>
    expect(receivers[0]).toMatchObject({ id: 'ding', url: '${DING_URL}', secret: '${DING_SECRET}' })
    expect(receivers[1]).toMatchObject({ id: 'inline', url: 'https://oapi.dingtalk.com/•••', secret: '•••' })
    for (const secret of SECRETS) expect(res.text).not.toContain(secret)
    expect(res.body.defaults).toMatchObject({ min_volume: 20, route_timing: { group_wait: '20s' } })
    for (const role of ['viewer', 'officer'] as const) expect((await call('GET', '/alerting/config', await signedIn(app, role))).status).toBe(403)
  })

  it('refuses every change to a lead, and audits the refusal', async () => {
    expect((await call('PUT', '/alerting/rules/sl-low', lead, slLow)).status).toBe(403)
    expect((await call('DELETE', '/alerting/rules/sl-low', lead)).status).toBe(403)
    expect((await call('POST', '/alerting/reload', lead)).status).toBe(403)
    expect((await call('PUT', '/alerting/escalation', lead, { tiers: [] })).status).toBe(403)
    expect(rule('sl-low')).toMatchObject({ fire: 0.7 })
    const denied: Array<{ outcome: string }> = await t.store.query(`SELECT outcome FROM audit_log WHERE actor = $1 AND outcome = 'denied'`, [lead.username])
    expect(denied.length).toBeGreaterThanOrEqual(4)
  })

  it('takes an administrator’s new threshold: in force at once, heard by subscribers, audited with before and after', async () => {
    heard.length = 0
    const res = await call('PUT', '/alerting/rules/sl-low', admin, slLow)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ id: 'sl-low', fire: 0.65 })
    expect(rule('sl-low')).toMatchObject({ fire: 0.65 })
    expect(heard).toHaveLength(1)
    expect(heard[0].origin).toBe(`${file} + 1 edit through the API`)
    const [entry] = await auditRows('alerting.rule.update')
    expect(entry).toMatchObject({ actor: admin.username, target: 'sl-low', outcome: 'allowed', detail: { before: { fire: 0.7 }, after: { fire: 0.65 } } })
    const shown = await call('GET', '/alerting/config', lead)
    expect(shown.body.edits).toEqual([{ section: 'rule', id: 'sl-low', state: 'edited', by: admin.username, at: new Date(clock).toISOString() }])
  })

  it('refuses an invalid rule with 400 naming the field, and loses nothing that was valid', async () => {
    heard.length = 0
    const wrongSide = await call('PUT', '/alerting/rules/sl-low', admin, { ...slLow, clear: 0.6 })
    expect(wrongSide.status).toBe(400)
    expect(wrongSide.body.problems?.[0]).toMatch(/^clear: 0\.6 is not on the non-firing side of fire 0\.65/)
    const typo = await call('PUT', '/alerting/rules/sl-low', admin, { ...slLow, windw: '15m' })
    expect(typo.body.problems?.[0]).toMatch(/^windw: unknown field/)
    const region = await call('PUT', '/alerting/rules/new-one', admin, { ...slLow, scope: { region: 'D99' } })
    expect(region.body.problems?.[0]).toMatch(/^scope\.region: no region "D99"/)
    const renamed = await call('PUT', '/alerting/rules/sl-low', admin, { ...slLow, id: 'other' })
    expect(renamed.status).toBe(400)
    expect(rule('sl-low')).toMatchObject({ fire: 0.65, clear: 0.8 })
    expect(rule('new-one')).toBeUndefined()
    expect(heard).toHaveLength(0)
  })

  it('adds and deletes rules; a rule deleted from the file stays deleted', async () => {
    const added = await call('PUT', '/alerting/rules/asa-high', admin, { name: 'ASA', kind: 'kpi', severity: 'warning', kpi: 'asa_seconds', window: '15m', op: 'above', fire: 40, clear: 25 })
    expect(added.status).toBe(200)
    expect((await call('DELETE', '/alerting/rules/stale', admin)).status).toBe(204)
    expect(app.alertingConfig.current().rules.map((r) => r.id)).toEqual(['sl-low', 'asa-high'])
    expect((await call('DELETE', '/alerting/rules/stale', admin)).status).toBe(404)
    expect((await auditRows('alerting.rule.create')).map((e) => e.target)).toEqual(['asa-high'])
    expect((await auditRows('alerting.rule.delete')).map((e) => e.target)).toEqual(['stale'])
  })

  it('keeps a receiver’s secret when it is sent back masked, and never shows or audits it', async () => {
    const shown = (await call('GET', '/alerting/config', admin)).body.receivers as Array<Record<string, unknown>>
    const inline = { ...shown[1], lang: 'en' }
    const res = await call('PUT', '/alerting/receivers/inline', admin, inline)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ lang: 'en', secret: '•••' })
    expect(app.alertingConfig.current().receivers[1]).toMatchObject({ lang: 'en', url: DING_URL, secret: DING_SECRET })
    const masked = await call('PUT', '/alerting/receivers/fresh', admin, { type: 'feishu_bot', url: 'https://open.feishu.cn/•••', secret: '•••' })
    expect(masked.status).toBe(400)
    expect(masked.body.problems?.join('\n')).toMatch(/url: is masked/)
    const unset = await call('PUT', '/alerting/receivers/fresh', admin, { type: 'feishu_bot', url: '${FEISHU_URL}', secret: 'x' })
    expect(unset.body.problems).toEqual(['url: refers to ${FEISHU_URL}, which is not set in the environment'])
    const audit: Array<{ detail: unknown }> = await t.store.query(`SELECT detail FROM audit_log WHERE action LIKE 'alerting.%'`)
    for (const secret of SECRETS) expect(JSON.stringify(audit)).not.toContain(secret)
  })

  it('refuses to delete a receiver that a route or an escalation tier names', async () => {
    const res = await call('DELETE', '/alerting/receivers/push', admin)
    expect(res.status).toBe(400)
    expect(res.body.problems).toEqual(expect.arrayContaining([expect.stringMatching(/^routes\[0\]\.receivers\[1\]: no receiver "push"/), expect.stringMatching(/^escalation\.tiers\[0\]\.notify\[0\]: no receiver "push"/)]))
    expect(app.alertingConfig.current().receivers.map((r) => r.id)).toContain('push')
  })

  it('edits routes by place, and the escalation policy and the roster whole', async () => {
    const second = { match: { severity: 'warning' }, receivers: ['push'], group_wait: '30s' }
    const added = await call('PUT', '/alerting/routes/1', admin, second)
    expect(added.status).toBe(200)
    expect(app.alertingConfig.current().routes).toHaveLength(2)
    expect((await call('PUT', '/alerting/routes/5', admin, second)).status).toBe(404)
    const badWait = await call('PUT', '/alerting/routes/1', admin, { ...second, group_wait: 'soon' })
    expect(badWait.body.problems?.[0]).toMatch(/^routes\[1\]\.group_wait: is not well-formed \(e\.g\. "10s", "2m", "1h"\)/)
    expect((await call('DELETE', '/alerting/routes/1', admin)).status).toBe(200)
    expect(app.alertingConfig.current().routes).toHaveLength(1)

    const backwards = await call('PUT', '/alerting/escalation', admin, { tiers: [{ after: '10m', notify: ['push'] }, { after: '5m', notify: ['ding'] }] })
    expect(backwards.body.problems).toEqual(['escalation.tiers[1].after: 5m is not after the tier before (10m): tiers come in increasing after'])
    expect((await call('PUT', '/alerting/escalation', admin, { tiers: [{ after: '5m', notify: ['push'] }, { after: '20m', notify: ['ding'] }] })).status).toBe(200)
    expect(app.alertingConfig.current().escalation?.tiers).toHaveLength(2)

    // The push receiver names the lead on duty: the roster cannot go while it does.
    const noRoster = await call('DELETE', '/alerting/roster', admin)
    expect(noRoster.body.problems?.[0]).toMatch(/^receivers\[2\]\.to \(receiver push\): names lead_on_duty, but there is no roster/)
    const gap = await call('PUT', '/alerting/roster', admin, { ...app.alertingConfig.current().roster, shifts: [{ id: 'day', name: '白班', start: '08:30', end: '20:30' }] })
    expect(gap.body.problems?.[0]).toMatch(/^roster\.shifts: no shift covers 20:30–08:30:/)
    expect(await auditRows('alerting.roster.update')).toHaveLength(0)
  })

  it('keeps the edits in the store: a server opened on it has them over the file', async () => {
    const again = await AlertingConfigService.open({ file, territory, env: ENV, store: t.store, logger: { info: () => {}, error: () => {} }, now: () => new Date(clock) })
    expect(again.current()).toEqual(app.alertingConfig.current())
  })

  it('reloads the file: a bad one is refused with its line and the last good one stays; a good one takes effect under the edits', async () => {
    writeFileSync(file, FILE.replace('window: 15m', 'window: 16m'))
    const before = app.alertingConfig.current()
    const bad = await call('POST', '/alerting/reload', admin)
    expect(bad.status).toBe(422)
    expect(bad.body.message).toMatch(/^not reloaded, the last good configuration stays in force: .*line 7: rules\[0\]\.window \(rule sl-low\): must be one of 15m, 60m, today/)
    expect(app.alertingConfig.current()).toBe(before)
    expect(log.lines.some((l) => l.level === 50 && l.msg.includes('the last good one stays in force') && l.msg.includes('line 7'))).toBe(true)
    expect((await auditRows('alerting.reload')).at(-1)).toMatchObject({ outcome: 'failed' })

    writeFileSync(file, FILE.replace('name: 大屏数据过期', 'name: 数据过期'))
    const good = await call('POST', '/alerting/reload', admin)
    expect(good.status).toBe(200)
    const config = app.alertingConfig.current()
    // The administrator's threshold and deletion still lie over the reloaded file.
    expect(rule('sl-low')).toMatchObject({ fire: 0.65 })
    expect(config.rules.map((r) => r.id)).toEqual(['sl-low', 'asa-high'])
    expect((await auditRows('alerting.reload')).at(-1)).toMatchObject({ outcome: 'allowed' })
  })

  it('sets aside an edit the changed file no longer fits, applies every other, and takes the fix', async () => {
    const routes = [{ match: { severity: 'critical' }, receivers: ['ding'] }]
    expect((await call('PUT', '/alerting/routes', admin, routes)).status).toBe(200)
    // The file drops the ding robot (and its own route to it): the edited routes and escalation name a receiver that is gone.
    writeFileSync(file, FILE.replace(/  - id: ding\n    type: dingtalk_robot\n    url: \$\{DING_URL\}\n    secret: \$\{DING_SECRET\}\n/, '').replace('receivers: [ding, push]', 'receivers: [push]'))
    expect((await call('POST', '/alerting/reload', admin)).status).toBe(200)
    const config = app.alertingConfig.current()
    expect(config.routes).toEqual([{ match: { severity: 'critical' }, receivers: ['push'] }])
    expect(config.origin).toMatch(/ \+ 4 edits through the API \(2 edits set aside: they no longer fit\)$/)
    expect(config.escalation?.tiers).toEqual([{ after: '10m', notify: ['push'] }])
    expect(rule('sl-low')).toMatchObject({ fire: 0.65 })
    const shown = await call('GET', '/alerting/config', lead)
    const by = { by: admin.username, at: new Date(clock).toISOString() }
    expect(shown.body.set_aside).toEqual([
      { section: 'routes', id: '', ...by, problems: ['routes[0].receivers[0]: no receiver "ding"; the receivers are inline, push'] },
      { section: 'escalation', id: '', ...by, problems: ['escalation.tiers[1].notify[0]: no receiver "ding"; the receivers are inline, push'] },
    ])
    expect(log.lines.some((l) => l.level === 50 && l.msg.includes('the edit of routes') && l.msg.includes('no receiver "ding"'))).toBe(true)
    // A server starting on this file and store starts, with the same edits set aside.
    const starting = await AlertingConfigService.open({ file, territory, env: ENV, store: t.store, logger: { info: () => {}, error: () => {} }, now: () => new Date(clock) })
    expect(starting.current()).toEqual(config)

    // Another edit is taken; one that sets a further edit aside is not; the fix of the set-aside one is.
    expect((await call('PUT', '/alerting/rules/asa-high', admin, { name: 'ASA', kind: 'kpi', severity: 'warning', kpi: 'asa_seconds', window: '15m', op: 'above', fire: 45, clear: 25 })).status).toBe(200)
    const stillBad = await call('PUT', '/alerting/routes', admin, [{ match: {}, receivers: ['nobody'] }])
    expect(stillBad.body.problems).toEqual(['routes[0].receivers[0]: no receiver "nobody"; the receivers are inline, push'])
    expect((await call('PUT', '/alerting/routes', admin, [{ match: {}, receivers: ['inline'] }])).status).toBe(200)
    expect(app.alertingConfig.current().routes).toEqual([{ match: {}, receivers: ['inline'] }])
    expect(((await call('GET', '/alerting/config', lead)).body.set_aside as Array<{ section: string }>).map((s) => s.section)).toEqual(['escalation'])
    expect((await call('DELETE', '/alerting/escalation', admin)).status).toBe(204)
    expect(app.alertingConfig.current().escalation).toBeNull()
    expect((await call('GET', '/alerting/config', lead)).body.set_aside).toEqual([])
  })

  it('documents the configuration’s schema at /docs', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/docs/json', headers: lead.headers })).json<{ paths: Record<string, Record<string, { requestBody?: unknown }>> }>()
    const put = JSON.stringify(doc.paths['/api/v1/alerting/rules/{id}'].put.requestBody)
    for (const field of ['keep_firing_for', 'min_volume', 'hysteresis', 'unexplained_surge', 'dead_letter_rate']) expect(put).toContain(field)
    expect(JSON.stringify(doc.paths['/api/v1/alerting/receivers/{id}'].put.requestBody)).toContain('dingtalk_robot')
  })

  it('never writes a secret into the log', () => {
    const text = JSON.stringify(log.lines)
    for (const secret of SECRETS) expect(text).not.toContain(secret)
  })
})
