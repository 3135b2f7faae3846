// Reading an alerting file: the shipped default set is valid for the demo
// territory; a bad file, JSON or YAML, is refused with the line and the
// field named (and what was expected); ${VAR} references are checked by name
// and their values never appear in a message.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError } from '../core/env.ts'
import { readAlertingFile } from '../server/alerting/config/load-file.ts'
import { AlertingConfigInvalid } from '../server/alerting/config/problems.ts'
import { loadTerritory } from '../schemas/territory.ts'

const territory = loadTerritory()
const dir = mkdtempSync(join(tmpdir(), 'cc-alerting-file-'))
let n = 0
function fileWith(text: string, ext = 'yaml'): string {
  const path = join(dir, `alerting-${(n += 1)}.${ext}`)
  writeFileSync(path, text)
  return path
}
const read = (file: string | undefined, env: Record<string, string> = {}) => readAlertingFile(file, { territory, env })
function refusal(file: string, env: Record<string, string> = {}): AlertingConfigInvalid {
  try {
    read(file, env)
  } catch (err) {
    expect(err).toBeInstanceOf(AlertingConfigInvalid)
    expect(err).toBeInstanceOf(ConfigError)
    return err as AlertingConfigInvalid
  }
  throw new Error(`${file} was accepted`)
}

const RULE = `rules:
  - id: sl-low
    name: service level low
    kind: kpi
    severity: warning
    kpi: service_level
    window: 15m
    op: below
    fire: 0.7
    clear: 0.8
`

describe('the alerting file', () => {
  it('ships a default set that is valid for the demo territory, with routes and escalation that need no external receiver', () => {
    const file = read(undefined)
    expect(file.rules.length).toBeGreaterThanOrEqual(15)
    expect(new Set(file.rules.map((r) => r.kind))).toEqual(new Set(['kpi', 'change', 'unexplained_surge', 'entity', 'data']))
    expect(file.receivers?.every((r) => r.type === 'web_push')).toBe(true)
    expect(file.escalation?.tiers.length).toBeGreaterThanOrEqual(2)
    const sl = file.rules.find((r) => r.kind === 'kpi' && r.kpi === 'service_level' && !r.scope)
    expect(sl).toMatchObject({ op: 'below', fire: 0.7, clear: 0.8 })
  })

  it('reads YAML and JSON alike', () => {
    expect(read(fileWith(RULE)).rules[0].id).toBe('sl-low')
    const json = JSON.stringify({ rules: [{ id: 'a', name: 'a', kind: 'data', severity: 'critical', check: 'snapshot_stale' }] }, null, 2)
    expect(read(fileWith(json, 'json')).rules[0].id).toBe('a')
  })

  it('names the line and the field of a value on the wrong side of the hysteresis', () => {
    const err = refusal(fileWith(RULE.replace('clear: 0.8', 'clear: 0.6')))
    expect(err.message).toMatch(/^ALERTING_FILE .*alerting-\d+\.yaml line 10: rules\[0\]\.clear \(rule sl-low\): 0\.6 is not on the non-firing side of fire 0\.7/)
  })

  it('names the line and the field of a schema error, with what was expected', () => {
    const err = refusal(fileWith(RULE.replace('window: 15m', 'window: 30m')))
    expect(err.message).toContain('line 7: rules[0].window (rule sl-low): must be one of 15m, 60m, today, got "30m"')
    const unknown = refusal(fileWith(RULE.replace('op: below', 'op: below\n    threshold: 3')))
    expect(unknown.message).toContain('line 9: rules[0].threshold (rule sl-low): unknown field')
    const kind = refusal(fileWith(RULE.replace('kind: kpi', 'kind: kpis')))
    expect(kind.message).toContain('line 4: rules[0].kind (rule sl-low): must be one of kpi, change, unexplained_surge, entity, data (got "kpis")')
  })

  it('names the line of a JSON field and of a JSON syntax error', () => {
    const json = JSON.stringify({ rules: [{ id: 'a', name: 'a', kind: 'data', severity: 'urgent', check: 'snapshot_stale' }] }, null, 2)
    expect(refusal(fileWith(json, 'json')).message).toMatch(/line 7: rules\[0\]\.severity \(rule a\): must be one of info, warning, critical/)
    expect(refusal(fileWith('{\n  "rules": [\n    1,\n  ]\n}', 'json')).message).toMatch(/line 4: not valid JSON/)
    expect(refusal(fileWith('rules:\n  - id: a\n   name: b\n')).message).toMatch(/line \d: not valid YAML/)
  })

  it('names a region the territory does not have, and a receiver a route names but nobody defines', () => {
    expect(refusal(fileWith(RULE.replace('op: below', "scope: { region: D99 }\n    op: below"))).message).toContain('line 8: rules[0].scope.region (rule sl-low): no region "D99" in the territory')
    const routed = `${RULE}receivers: []\nroutes:\n  - match: { severity: critical }\n    receivers: [ding]\n`
    expect(refusal(fileWith(routed)).message).toContain('line 14: routes[0].receivers[0]: no receiver "ding"; the receivers are none')
  })

  it('checks ${VAR} references by name and never shows their values', () => {
    const robot = `${RULE}receivers:\n  - id: ding\n    type: dingtalk_robot\n    url: \${DING_URL}\n    secret: \${DING_SECRET}\n`
    const unset = refusal(fileWith(robot), { DING_URL: 'https://oapi.dingtalk.com/robot/send?access_token=tok-123' })
    expect(unset.message).toContain('line 15: receivers[0].secret (receiver ding): refers to ${DING_SECRET}, which is not set in the environment')
    expect(unset.problems.join('\n')).not.toContain('tok-123')
    const notUrl = refusal(fileWith(robot), { DING_URL: 'oapi.dingtalk.com/secret-token-xyz', DING_SECRET: 'SECabc' })
    expect(notUrl.message).toContain('receivers[0].url (receiver ding): is not an http(s) URL once ${DING_URL} is expanded')
    expect(notUrl.problems.join('\n')).not.toMatch(/secret-token-xyz|SECabc/)
    expect(read(fileWith(robot), { DING_URL: 'https://oapi.dingtalk.com/robot/send?access_token=t', DING_SECRET: 'SECabc' }).receivers).toHaveLength(1)
  })

  it('counts every problem and says so, the first one in the message', () => {
    const twice = `${RULE.replace('clear: 0.8', 'clear: 0.6')}  - id: sl-low\n    name: x\n    kind: data\n    severity: info\n    check: snapshot_stale\n    minutes: 3\n`
    const err = refusal(fileWith(twice))
    expect(err.problems).toEqual([
      'line 10: rules[0].clear (rule sl-low): 0.6 is not on the non-firing side of fire 0.7: with op "below" clear must be above fire (the gap is the hysteresis)',
      'line 11: rules[1].id (rule sl-low): the id sl-low is already used by rules[0]; ids must be unique',
      'line 16: rules[1].minutes (rule sl-low): snapshot_stale takes none of source, minutes, per_minute, not minutes',
    ])
    expect(err.message).toMatch(/\(and \d+ more problems?\)$/)
  })

  it('refuses a file it cannot read or whose name says neither JSON nor YAML', () => {
    expect(refusal(join(dir, 'missing.yaml')).message).toMatch(/cannot be read: ENOENT/)
    expect(refusal(fileWith(RULE, 'txt')).message).toMatch(/must be a \.json, \.yaml or \.yml file/)
  })
})
