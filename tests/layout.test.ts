// Wall layouts (schemas/layout.ts) and the route that serves them
// (server/routes/layouts.ts): the shipped layouts are good, and every kind of
// mistake a person can make in a layout file is refused with a message that
// names the file, the place in it and what is wrong.
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Fastify, { type FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { LayoutError, layoutProblems, parseLayout, type Layout } from '../schemas/layout.ts'
import errors from '../server/plugins/errors.ts'
import layoutsRoutes from '../server/routes/layouts.ts'

const LAYOUTS = join(import.meta.dirname, '..', 'dashboard', 'layouts')
const shipped = (name: string) => readFileSync(join(LAYOUTS, `${name}.json`), 'utf8')

/** A small good layout on a 2×1 wall of 24×12-cell screens, to break in each test. */
function base(): Record<string, unknown> & { zones: Array<Record<string, unknown> & { panels: Array<Record<string, unknown>> }> } {
  return {
    grid: { cols: 2, rows: 1, cells_x: 24, cells_y: 12 },
    zones: [
      { id: 'head', kind: 'showcase', rect: { x: 0, y: 0, w: 24, h: 2 }, panels: [{ type: 'clock' }] },
      {
        id: 'kpis',
        kind: 'kpi',
        rect: { x: 0, y: 2, w: 24, h: 10 },
        panels: [{ type: 'kpi_tiles', options: { kpis: ['service_level', 'abandonment_rate'] } }],
      },
      {
        id: 'map',
        kind: 'monitoring',
        rect: { x: 24, y: 0, w: 24, h: 12 },
        panels: [{ type: 'region_map', options: { kpi: 'calls_offered' } }],
      },
    ],
  }
}

const problemsOf = (value: unknown) => layoutProblems(value).map((p) => `${p.path}: ${p.message}`)

describe('the shipped layouts', () => {
  test('default (1×1) and hall-3x2 (3×2) are valid', () => {
    const one = parseLayout(shipped('default'), 'default.json')
    expect(one.grid).toMatchObject({ cols: 1, rows: 1 })
    const hall = parseLayout(shipped('hall-3x2'), 'hall-3x2.json')
    expect(hall.grid).toMatchObject({ cols: 3, rows: 2 })
    // Every zone kind of DOMAIN.md §5 is on the hall wall.
    expect(new Set(hall.zones.map((z) => z.kind))).toEqual(new Set(['monitoring', 'analysis', 'kpi', 'showcase', 'ticker']))
  })

  test('options left out get their defaults (the window is today)', () => {
    const layout = parseLayout(JSON.stringify(base()), 'base.json')
    const tiles = layout.zones[1].panels[0]
    expect(tiles.type === 'kpi_tiles' && tiles.options.window).toBe('today')
    expect(layout.zones[0].panels[0].options).toEqual({})
  })

  test('the default layout has an alert zone and sounds for critical alerts every 30 s', () => {
    const one = parseLayout(shipped('default'), 'default.json')
    expect(one.zones.find((z) => z.kind === 'alert')?.panels.map((p) => p.type)).toEqual(['alert_zone'])
    expect(one.alert_tone).toEqual({ severity: 'critical', repeat_seconds: 30 })
  })

  test('an alert tone given as {} gets its defaults; no alert_tone means a silent wall', () => {
    expect(parseLayout(JSON.stringify({ ...base(), alert_tone: {} }), 'tone.json').alert_tone).toEqual({ severity: 'critical', repeat_seconds: 30 })
    expect(parseLayout(JSON.stringify(base()), 'base.json').alert_tone).toBeUndefined()
  })
})

describe('mistakes are refused, naming the problem', () => {
  test('an unknown panel type', () => {
    const layout = base()
    layout.zones[1].panels[0] = { type: 'pie_chart' }
    expect(problemsOf(layout)).toEqual([expect.stringMatching(/^\/zones\/1\/panels\/0\/type: unknown panel type "pie_chart" \(known: kpi_tiles, .*clock\)$/)])
  })

  test('an unknown KPI id, with the close ones suggested', () => {
    const layout = base()
    layout.zones[1].panels[0] = { type: 'kpi_tiles', options: { kpis: ['service_level', 'abandonment'] } }
    expect(problemsOf(layout)).toEqual(['/zones/1/panels/0/options/kpis/1: unknown KPI id "abandonment" (did you mean abandonment_rate?)'])
  })

  test('a map coloured by a KPI that has no breakdown by region', () => {
    const layout = base()
    layout.zones[2].panels[0] = { type: 'region_map', options: { kpi: 'longest_wait_now_seconds' } }
    expect(problemsOf(layout)).toEqual(['/zones/2/panels/0/options/kpi: KPI "longest_wait_now_seconds" has no breakdown by region (it has: queue)'])
  })

  test('a trend of a KPI that describes the current state', () => {
    const layout = base()
    layout.zones[2].panels[0] = { type: 'trends', options: { kpi: 'queue_now' } }
    expect(problemsOf(layout)).toEqual([expect.stringContaining('/zones/2/panels/0/options/kpi: KPI "queue_now" describes the current state')])
  })

  test('an alert tone that repeats too often, for a severity that does not exist', () => {
    expect(problemsOf({ ...base(), alert_tone: { severity: 'info', repeat_seconds: 1, loud: true } })).toEqual([
      '/alert_tone: unknown property "loud"',
      '/alert_tone/severity: must be one of critical, warning',
      '/alert_tone/repeat_seconds: must be >= 5',
    ])
  })

  test('a wrong option value and a misspelt option', () => {
    const layout = base()
    layout.zones[1].panels[0] = { type: 'kpi_tiles', options: { kpis: ['service_level'], window: '24h', colums: 3 } }
    expect(problemsOf(layout)).toEqual([
      '/zones/1/panels/0/options: unknown property "colums"',
      '/zones/1/panels/0/options/window: must be one of 15m, 60m, today',
    ])
  })

  test('a zone outside the grid', () => {
    const layout = base()
    layout.zones[2].rect = { x: 24, y: 0, w: 30, h: 12 }
    expect(problemsOf(layout)).toEqual([
      '/zones/2/rect: zone "map" {x: 24, y: 0, w: 30, h: 12} lies outside the grid (48 × 12 cells: 2 × 1 screens of 24 × 12)',
    ])
  })

  test('overlapping zones', () => {
    const layout = base()
    layout.zones[1].rect = { x: 0, y: 1, w: 24, h: 11 }
    expect(problemsOf(layout)).toEqual(['/zones/1/rect: zone "kpis" overlaps zone "head"'])
  })

  test('a zone straddling the seam between two screens, across and down', () => {
    const across = base()
    across.zones[2].rect = { x: 20, y: 0, w: 8, h: 12 }
    across.zones[0].rect = { x: 0, y: 0, w: 20, h: 2 }
    across.zones[1].rect = { x: 0, y: 2, w: 20, h: 10 }
    expect(problemsOf(across)).toEqual([
      '/zones/2/rect: zone "map" crosses the seam between screen columns 1 and 2 (at x = 24); no text may straddle two screens',
    ])
    const down = base()
    down.grid = { cols: 2, rows: 2, cells_x: 24, cells_y: 12 }
    down.zones[2].rect = { x: 24, y: 6, w: 24, h: 12 }
    expect(problemsOf(down)).toEqual([
      '/zones/2/rect: zone "map" crosses the seam between screen rows 1 and 2 (at y = 12); no text may straddle two screens',
    ])
  })

  test('panels outside their zone, or overlapping in a zone that does not rotate', () => {
    const outside = base()
    outside.zones[1].panels[0].rect = { x: 0, y: 0, w: 25, h: 10 }
    expect(problemsOf(outside)).toEqual(['/zones/1/panels/0/rect: panel {x: 0, y: 0, w: 25, h: 10} does not fit in its zone (24 × 10 cells)'])

    const overlapping = base()
    overlapping.zones[2].panels = [
      { type: 'region_map', rect: { x: 0, y: 0, w: 16, h: 12 }, options: { kpi: 'calls_offered' } },
      { type: 'call_center', rect: { x: 12, y: 0, w: 12, h: 12 } },
    ]
    expect(problemsOf(overlapping)).toEqual(['/zones/2/panels/1/rect: panel 1 (call_center) overlaps panel 0 (region_map) in zone "map"'])

    // In a rotating zone the panels take turns in the same place: that is the point.
    overlapping.zones[2].rotate_seconds = 20
    expect(problemsOf(overlapping)).toEqual([])
  })

  test('no clock: the wall would have nowhere to show its freshness', () => {
    const layout = base()
    layout.zones[0].panels = [{ type: 'alarm_ticker' }]
    expect(problemsOf(layout)).toEqual(['/zones: no clock panel: the wall needs one to show the time and how fresh its data is'])
  })

  test('missing and misspelt properties, and duplicate zone ids', () => {
    const layout = base()
    delete (layout.zones[0] as { rect?: unknown }).rect
    ;(layout.zones[1] as Record<string, unknown>).rotate_second = 10
    expect(problemsOf(layout)).toEqual(['/zones/0: missing property "rect"', '/zones/1: unknown property "rotate_second"'])
    const twice = base()
    twice.zones[2].id = 'kpis'
    expect(problemsOf(twice)).toEqual(['/zones/2/id: zone id "kpis" is used twice'])
  })

  test('parseLayout throws a LayoutError whose message names the file, the path and the problem', () => {
    expect(() => parseLayout('{"grid": ', 'wall-a.json')).toThrow(/^layout wall-a\.json: \(root\): not valid JSON: /)
    const layout = base()
    layout.zones[1].panels[0] = { type: 'kpi_tiles', options: { kpis: ['nope', 'nada'] } }
    let error: unknown
    try {
      parseLayout(JSON.stringify(layout), 'wall-b.json')
    } catch (err) {
      error = err
    }
    expect(error).toBeInstanceOf(LayoutError)
    expect((error as LayoutError).message).toBe('layout wall-b.json: /zones/1/panels/0/options/kpis/0: unknown KPI id "nope" (and 1 more problem)')
    expect((error as LayoutError).problems).toHaveLength(2)
  })
})

describe('GET /api/v1/layouts', () => {
  let app: FastifyInstance
  let dir: string

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cc-layouts-'))
    copyFileSync(join(LAYOUTS, 'default.json'), join(dir, 'default.json'))
    copyFileSync(join(LAYOUTS, 'hall-3x2.json'), join(dir, 'hall-3x2.json'))
    const broken = base()
    broken.zones[2].rect = { x: 20, y: 0, w: 8, h: 12 }
    writeFileSync(join(dir, 'broken.json'), JSON.stringify(broken))
    writeFileSync(join(dir, 'notes.txt'), 'not a layout')
    app = Fastify()
    await app.register(errors, { maxBodyBytes: 1024 * 1024 })
    await app.register(layoutsRoutes, { prefix: '/api/v1', layoutsDir: dir })
    await app.ready()
  })

  afterAll(async () => {
    await app.close()
  })

  test('lists the layout files by name', async () => {
    const res = await app.inject({ url: '/api/v1/layouts' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ layouts: ['broken', 'default', 'hall-3x2'] })
  })

  test('serves a good layout, validated and with its defaults', async () => {
    const res = await app.inject({ url: '/api/v1/layouts/hall-3x2' })
    expect(res.statusCode).toBe(200)
    const layout = res.json<Layout>()
    expect(layout.grid).toEqual({ cols: 3, rows: 2, cells_x: 24, cells_y: 12 })
    expect(layout.zones.length).toBeGreaterThan(5)
  })

  test('refuses a layout with an error: 422 naming the file, the path and the problem', async () => {
    const res = await app.inject({ url: '/api/v1/layouts/broken' })
    expect(res.statusCode).toBe(422)
    expect(res.json()).toEqual({
      statusCode: 422,
      code: 'invalid_layout',
      message: 'layout broken.json: /zones/2/rect: zone "map" crosses the seam between screen columns 1 and 2 (at x = 24); no text may straddle two screens (and 2 more problems)',
      problems: [
        { path: '/zones/2/rect', message: 'zone "map" crosses the seam between screen columns 1 and 2 (at x = 24); no text may straddle two screens' },
        { path: '/zones/2/rect', message: 'zone "map" overlaps zone "head"' },
        { path: '/zones/2/rect', message: 'zone "map" overlaps zone "kpis"' },
      ],
    })
  })

  test('an unknown name is 404; a name that is not a layout name is 400, never a path', async () => {
    const missing = await app.inject({ url: '/api/v1/layouts/lobby' })
    expect(missing.statusCode).toBe(404)
    expect(missing.json()).toEqual({ statusCode: 404, code: 'not_found', message: 'no layout named "lobby"' })
    for (const name of ['..%2F..%2Fpackage', 'notes.txt', 'Default', '%2Fetc%2Fpasswd']) {
      const res = await app.inject({ url: `/api/v1/layouts/${name}` })
      expect(res.statusCode, name).toBe(400)
      expect(res.json<{ code: string }>().code).toBe('bad_request')
    }
  })

  test('an edited file is served as it is now, not as it was', async () => {
    const file = join(dir, 'default.json')
    const layout = JSON.parse(readFileSync(file, 'utf8')) as { title_en: string }
    layout.title_en = 'Edited while running'
    writeFileSync(file, JSON.stringify(layout))
    const res = await app.inject({ url: '/api/v1/layouts/default' })
    expect(res.json<{ title_en: string }>().title_en).toBe('Edited while running')
  })
})
