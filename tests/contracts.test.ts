// The event contracts: every type accepted in its valid form; rejections name
// the field; unknown extra fields are dropped, not refused.
import { describe, expect, it } from 'vitest'
import { EVENT_TYPES, EventSchemas, familyOf, entityIdOf } from '../schemas/events.ts'
import { validateEvent } from '../schemas/validate.ts'
import { loadTerritory, parseTerritory, totalCustomers } from '../schemas/territory.ts'
import { sampleEvent } from './support/sample-events.ts'

describe('event contracts', () => {
  it('accepts a valid event of every one of the 26 types', () => {
    expect(EVENT_TYPES).toHaveLength(26)
    for (const type of EVENT_TYPES) {
      const result = validateEvent(sampleEvent(type))
      expect(result, type).toMatchObject({ ok: true })
    }
  })

  it('publishes a JSON Schema per type with its required fields', () => {
    expect(EventSchemas['call.answered'].required).toEqual(
      expect.arrayContaining(['event_id', 'occurred_at', 'call_id', 'queue', 'agent_id', 'wait_ms']),
    )
  })

  it('drops unknown fields instead of refusing the event', () => {
    const event = { ...sampleEvent('call.offered'), added_in_v2: 'x' }
    const result = validateEvent(event)
    expect(result.ok).toBe(true)
    expect(result.ok && 'added_in_v2' in result.event).toBe(false)
  })

  it.each([
    ['a missing field', { wait_ms: undefined }, 'invalid: missing field wait_ms'],
    ['a wrong type', { wait_ms: '12' }, 'invalid: field wait_ms: must be integer'],
    ['a negative duration', { wait_ms: -1 }, 'invalid: field wait_ms: must be >= 0'],
    ['a number where a string belongs', { queue: 7 }, 'invalid: field queue: must be string'],
    ['a bad timestamp', { occurred_at: '23/11/2026' }, 'invalid: field occurred_at: not a valid ISO 8601'],
    ['an impossible date', { occurred_at: '2026-02-30T25:00:00.000Z' }, 'invalid: field occurred_at: not a real date'],
    ['a bad uuid', { event_id: 'abc' }, 'invalid: field event_id: not a valid uuid'],
    ['a wrong schema version', { schema_version: 2 }, 'invalid: field schema_version: must be 1'],
  ])('rejects %s with a reason naming the field', (_name, change, reason) => {
    const event: Record<string, unknown> = { ...sampleEvent('call.answered'), ...change }
    for (const [k, v] of Object.entries(change)) if (v === undefined) delete event[k]
    const result = validateEvent(event)
    expect(result.ok).toBe(false)
    expect(!result.ok && `${result.code}: ${result.reason}`).toContain(reason)
  })

  it('rejects unknown enum values listing the allowed ones', () => {
    const result = validateEvent({ ...sampleEvent('agent.state'), state: 'sleeping' })
    expect(result).toEqual({ ok: false, code: 'invalid', reason: 'field state: must be one of offline, available, on_call, wrap_up, not_ready' })
  })

  it('rejects unknown event types and non-objects', () => {
    expect(validateEvent({ ...sampleEvent('call.offered'), type: 'call.teleported' })).toEqual({
      ok: false,
      code: 'unknown_type',
      reason: 'unknown event type "call.teleported"',
    })
    expect(validateEvent([1, 2])).toMatchObject({ ok: false, code: 'not_object' })
  })

  it('names the family topic and the entity key of each event', () => {
    expect(familyOf('agent.state')).toBe('agents')
    expect(familyOf('workorder.closed')).toBe('workorders')
    expect(entityIdOf(sampleEvent('workorder.created', Date.now(), { outage_id: 'O-9' }))).toBe('W-1')
    expect(entityIdOf(sampleEvent('call.answered'))).toBe('C-1')
    expect(entityIdOf(sampleEvent('agent.state'))).toBe('A-1')
    expect(familyOf('supervision.replied')).toBe('supervision')
    expect(entityIdOf(sampleEvent('supervision.issued'))).toBe('SV-1')
  })

  it('checks a supervision order\'s deadline and outcome, and keeps workorder.supervised as it was', () => {
    expect(validateEvent({ ...sampleEvent('supervision.issued'), due_at: '2026-02-30T25:00:00.000Z' })).toMatchObject({
      ok: false,
      reason: 'field due_at: not a real date',
    })
    expect(validateEvent({ ...sampleEvent('supervision.closed'), outcome: 'ignored' })).toMatchObject({
      ok: false,
      reason: 'field outcome: must be one of accepted, returned',
    })
    const { by: _by, ...unsigned } = sampleEvent('supervision.issued') as Record<string, unknown>
    expect(validateEvent(unsigned)).toMatchObject({ ok: false, reason: 'missing field by' })
    expect(validateEvent({ ...sampleEvent('supervision.received'), by: undefined })).toMatchObject({ ok: true })
    expect(EventSchemas['workorder.supervised'].required).toEqual(expect.arrayContaining(['workorder_id', 'by']))
  })
})

describe('territory', () => {
  it('ships a demo territory of 12 districts with boundaries for each', () => {
    const territory = loadTerritory()
    expect(territory.regions).toHaveLength(12)
    expect(territory.geojson.features.map((f) => f.properties.code).sort()).toEqual(
      territory.regions.map((r) => r.code).sort(),
    )
    expect(totalCustomers(territory)).toBeGreaterThan(1_000_000)
  })

  it('refuses a territory file with a problem, naming it', () => {
    const good = loadTerritory()
    const bad = { ...good, regions: [{ ...good.regions[0], area_class: 'suburban' }] }
    expect(() => parseTerritory(JSON.stringify(bad), 'x.json')).toThrow(/x.json: \/regions\/0\/area_class/)
    expect(() => parseTerritory('{', 'y.json')).toThrow(/y.json is not valid JSON/)
  })
})
