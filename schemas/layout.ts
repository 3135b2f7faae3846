// A wall layout: the grid of physical screens, the zones on it and the panels
// in each zone (DOMAIN.md §5). The server validates a layout file before it
// serves it (server/routes/layouts.ts) and the dashboard renders it; both read
// the types from here. A layout that would put text across the seam between
// two screens, overlap zones or name a KPI that does not exist is refused with
// a message naming the file, the JSON path and what is wrong.
import { Type, type Static, type TSchema } from '@sinclair/typebox'
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import { KPI_DEFINITIONS, KPI_IDS, WINDOWS, type Breakdown, type KpiId } from './kpis.ts'

/** Every physical screen is designed at this size; the wall scales the whole canvas to fit. */
/** A layout's name: its file in LAYOUTS_DIR is <name>.json. */
export const LAYOUT_NAME_PATTERN = '^[a-z0-9-]{1,64}$'

export const SCREEN_WIDTH = 1920
export const SCREEN_HEIGHT = 1080

export const ZONE_KINDS = ['monitoring', 'analysis', 'kpi', 'showcase', 'ticker', 'alert'] as const
export type ZoneKind = (typeof ZONE_KINDS)[number]

const BREAKDOWNS = ['region', 'queue', 'category', 'outage_kind', 'team'] as const

const Enum = <const T extends readonly string[]>(values: T) => Type.Unsafe<T[number]>({ type: 'string', enum: [...values] })
// Windowed panels show today's figures unless the layout says otherwise;
// ajv fills the default in, so every consumer gets a complete option set.
const Window = Type.Unsafe<(typeof WINDOWS)[number]>({ type: 'string', enum: [...WINDOWS], default: 'today' })
// KPI ids are checked by hand after the structure, so that the message can say
// "unknown KPI id" and list the close ones instead of a bare enum failure.
const KpiRef = Type.String({ minLength: 1, maxLength: 64 })

const Rect = Type.Object(
  {
    x: Type.Integer({ minimum: 0, maximum: 1000 }),
    y: Type.Integer({ minimum: 0, maximum: 1000 }),
    w: Type.Integer({ minimum: 1, maximum: 1000 }),
    h: Type.Integer({ minimum: 1, maximum: 1000 }),
  },
  { additionalProperties: false },
)
export type Rect = Static<typeof Rect>

/** The options of each panel type; a panel's `options` must match its type's schema. */
export const PANEL_OPTIONS = {
  /** Tiles with value, target, status, change against yesterday and a sparkline. */
  kpi_tiles: Type.Object(
    {
      kpis: Type.Array(KpiRef, { minItems: 1, maxItems: 24 }),
      window: Type.Optional(Window),
      /** Tiles per row; by default as square a grid as fits. */
      columns: Type.Optional(Type.Integer({ minimum: 1, maximum: 12 })),
    },
    { additionalProperties: false },
  ),
  /** Queue now, longest wait now, agents by state and the queues. */
  call_center: Type.Object({}, { additionalProperties: false }),
  /** Districts coloured by a KPI, active outages as points sized by customers affected. */
  region_map: Type.Object(
    {
      kpi: KpiRef,
      window: Type.Optional(Window),
      /** A center's own GeoJSON (same region codes in `properties.code`); the territory's by default. */
      geojson_url: Type.Optional(Type.String({ minLength: 1, maxLength: 500, pattern: '^(https?://|/)' })),
    },
    { additionalProperties: false },
  ),
  /** Today against yesterday and the same weekday last week. */
  trends: Type.Object({ kpi: KpiRef, window: Type.Optional(Window) }, { additionalProperties: false }),
  /** A KPI broken down by a dimension, as ranked bars. */
  breakdown: Type.Object(
    { kpi: KpiRef, window: Type.Optional(Window), by: Enum(BREAKDOWNS) },
    { additionalProperties: false },
  ),
  /** Open backlog by category and status, and the overdue and at-risk orders. */
  workorders: Type.Object({}, { additionalProperties: false }),
  /** Overdue orders, outages with key customers, stale-data and connection warnings. */
  alarm_ticker: Type.Object({}, { additionalProperties: false }),
  /** The firing and acknowledged alerts, by severity, each with who acknowledged it and when, or when it escalates next. */
  alert_zone: Type.Object({}, { additionalProperties: false }),
  /** Date and time in the center's time zone, the freshness of the data, optionally the center's name. */
  clock: Type.Object({ show_title: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
} satisfies Record<string, TSchema>

export type PanelType = keyof typeof PANEL_OPTIONS
export const PANEL_TYPES = Object.keys(PANEL_OPTIONS) as PanelType[]
export type PanelOptions<T extends PanelType> = Static<(typeof PANEL_OPTIONS)[T]>
export type PanelSpec = {
  [T in PanelType]: {
    type: T
    /** In cells, relative to the zone; the whole zone when absent. */
    rect?: Rect
    options: PanelOptions<T>
  }
}[PanelType]

const PanelShape = Type.Object(
  {
    type: Type.String({ minLength: 1, maxLength: 64 }),
    rect: Type.Optional(Rect),
    options: Type.Optional(Type.Object({}, { additionalProperties: true })),
  },
  { additionalProperties: false },
)

const ZoneShape = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9-]{1,64}$' }),
    kind: Enum(ZONE_KINDS),
    /** Shown in the zone's header; the zone kind's name when absent. */
    title_zh: Type.Optional(Type.String({ maxLength: 40 })),
    title_en: Type.Optional(Type.String({ maxLength: 60 })),
    /** False hides the header (a banner or ticker zone). */
    show_header: Type.Optional(Type.Boolean()),
    /** Position on the wall, in cells. */
    rect: Rect,
    /** When set, the panels take turns filling the zone, each for this many seconds. */
    rotate_seconds: Type.Optional(Type.Integer({ minimum: 5, maximum: 3600 })),
    panels: Type.Array(PanelShape, { minItems: 1, maxItems: 24 }),
  },
  { additionalProperties: false },
)

/**
 * The tone a wall plays while an alert of `severity` or worse is firing and
 * nobody has acknowledged it: at once, then every `repeat_seconds` until it is
 * acknowledged (or resolves). Absent: the wall stays silent. A wall opened
 * with ?muted=1 never sounds, whatever its layout says.
 */
export const AlertToneSchema = Type.Object(
  {
    severity: Type.Optional(Type.Unsafe<'critical' | 'warning'>({ type: 'string', enum: ['critical', 'warning'], default: 'critical' })),
    repeat_seconds: Type.Optional(Type.Integer({ minimum: 5, maximum: 3600, default: 30 })),
  },
  { additionalProperties: false },
)
export type AlertTone = Required<Static<typeof AlertToneSchema>>

export const LayoutSchema = Type.Object(
  {
    title_zh: Type.Optional(Type.String({ maxLength: 80 })),
    title_en: Type.Optional(Type.String({ maxLength: 120 })),
    alert_tone: Type.Optional(AlertToneSchema),
    grid: Type.Object(
      {
        /** Physical screens across and down. */
        cols: Type.Integer({ minimum: 1, maximum: 8 }),
        rows: Type.Integer({ minimum: 1, maximum: 8 }),
        /** Each screen is divided into cells_x × cells_y cells; zone and panel rects are in cells. */
        cells_x: Type.Integer({ minimum: 1, maximum: 96 }),
        cells_y: Type.Integer({ minimum: 1, maximum: 54 }),
      },
      { additionalProperties: false },
    ),
    zones: Type.Array(ZoneShape, { minItems: 1, maxItems: 64 }),
  },
  { additionalProperties: false },
)

export interface ZoneSpec extends Omit<Static<typeof ZoneShape>, 'panels'> {
  panels: PanelSpec[]
}
export interface Layout extends Omit<Static<typeof LayoutSchema>, 'zones'> {
  zones: ZoneSpec[]
}

export interface LayoutProblem {
  /** JSON pointer into the layout file, e.g. /zones/2/panels/0/options/kpi. */
  path: string
  message: string
}

export class LayoutError extends Error {
  override name = 'LayoutError'
  constructor(
    readonly origin: string,
    readonly problems: LayoutProblem[],
  ) {
    const [first] = problems
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : ''
    super(`layout ${origin}: ${first.path || '(root)'}: ${first.message}${more}`)
  }
}

const ajv = new Ajv({ allErrors: true, strict: false, useDefaults: true })
const validateShape = ajv.compile(LayoutSchema)
const validateOptions = new Map<string, ValidateFunction>(
  Object.entries(PANEL_OPTIONS).map(([type, schema]) => [type, ajv.compile(schema)]),
)

function describe(error: ErrorObject, base = ''): LayoutProblem {
  const path = base + error.instancePath
  switch (error.keyword) {
    case 'required':
      return { path, message: `missing property "${String(error.params.missingProperty)}"` }
    case 'additionalProperties':
      return { path, message: `unknown property "${String(error.params.additionalProperty)}"` }
    case 'enum':
      return { path, message: `must be one of ${(error.params.allowedValues as string[]).join(', ')}` }
    default:
      return { path, message: error.message ?? error.keyword }
  }
}

// Structural errors first, deduplicated: ajv reports a missing property once
// per failed branch, and one line per real problem is what a person can fix.
function shapeProblems(errors: ErrorObject[], base = ''): LayoutProblem[] {
  const seen = new Set<string>()
  const out: LayoutProblem[] = []
  for (const e of errors) {
    const p = describe(e, base)
    const key = `${p.path} ${p.message}`
    if (!seen.has(key)) {
      seen.add(key)
      out.push(p)
    }
  }
  return out
}

function kpiProblem(path: string, id: string, needs?: Breakdown): LayoutProblem | null {
  if (!(KPI_IDS as readonly string[]).includes(id)) {
    const close = KPI_IDS.filter((k) => k.includes(id.slice(0, 4)) || id.includes(k.slice(0, 6))).slice(0, 3)
    return { path, message: `unknown KPI id "${id}"${close.length ? ` (did you mean ${close.join(', ')}?)` : ''}` }
  }
  const def = KPI_DEFINITIONS[id as KpiId]
  if (needs && !def.breakdowns.includes(needs)) {
    return { path, message: `KPI "${id}" has no breakdown by ${needs} (it has: ${def.breakdowns.join(', ')})` }
  }
  return null
}

const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h

/** The seam a rect crosses, described for a person, or null. */
function seamCrossed(r: Rect, cellsX: number, cellsY: number): string | null {
  const col0 = Math.floor(r.x / cellsX)
  const col1 = Math.floor((r.x + r.w - 1) / cellsX)
  if (col0 !== col1) return `crosses the seam between screen columns ${col0 + 1} and ${col0 + 2} (at x = ${(col0 + 1) * cellsX})`
  const row0 = Math.floor(r.y / cellsY)
  const row1 = Math.floor((r.y + r.h - 1) / cellsY)
  if (row0 !== row1) return `crosses the seam between screen rows ${row0 + 1} and ${row0 + 2} (at y = ${(row0 + 1) * cellsY})`
  return null
}

const rectText = (r: Rect) => `{x: ${r.x}, y: ${r.y}, w: ${r.w}, h: ${r.h}}`

function panelProblems(panel: Static<typeof PanelShape>, zone: Static<typeof ZoneShape>, grid: Layout['grid'], at: string): LayoutProblem[] {
  const problems: LayoutProblem[] = []
  const validate = validateOptions.get(panel.type)
  if (!validate) {
    return [{ path: `${at}/type`, message: `unknown panel type "${panel.type}" (known: ${PANEL_TYPES.join(', ')})` }]
  }
  // Defaults are filled in place so the dashboard gets complete options.
  panel.options ??= {}
  if (!validate(panel.options)) return shapeProblems(validate.errors ?? [], `${at}/options`)
  const o = panel.options as Record<string, unknown>
  const check = (p: LayoutProblem | null) => p && problems.push(p)
  if (panel.type === 'kpi_tiles') (o.kpis as string[]).forEach((k, i) => check(kpiProblem(`${at}/options/kpis/${i}`, k)))
  if (panel.type === 'region_map') check(kpiProblem(`${at}/options/kpi`, o.kpi as string, 'region'))
  if (panel.type === 'trends') {
    const p = kpiProblem(`${at}/options/kpi`, o.kpi as string)
    check(p)
    if (!p && KPI_DEFINITIONS[o.kpi as KpiId].kind === 'now') {
      problems.push({ path: `${at}/options/kpi`, message: `KPI "${String(o.kpi)}" describes the current state and has no trend; pick a windowed KPI` })
    }
  }
  if (panel.type === 'breakdown') check(kpiProblem(`${at}/options/kpi`, o.kpi as string, o.by as Breakdown))

  if (panel.rect) {
    const r = panel.rect
    if (r.x + r.w > zone.rect.w || r.y + r.h > zone.rect.h) {
      problems.push({ path: `${at}/rect`, message: `panel ${rectText(r)} does not fit in its zone (${zone.rect.w} × ${zone.rect.h} cells)` })
    } else {
      const abs = { x: zone.rect.x + r.x, y: zone.rect.y + r.y, w: r.w, h: r.h }
      const seam = seamCrossed(abs, grid.cells_x, grid.cells_y)
      if (seam) problems.push({ path: `${at}/rect`, message: `panel ${seam}; no text may straddle two screens` })
    }
  }
  return problems
}

/** Checks a parsed layout value; returns the problems found (empty when good). Fills option defaults in place. */
export function layoutProblems(value: unknown): LayoutProblem[] {
  if (!validateShape(value)) return shapeProblems(validateShape.errors ?? [])
  const layout = value as Static<typeof LayoutSchema>
  const { grid } = layout
  const width = grid.cols * grid.cells_x
  const height = grid.rows * grid.cells_y
  const problems: LayoutProblem[] = []
  const ids = new Set<string>()

  layout.zones.forEach((zone, z) => {
    const at = `/zones/${z}`
    if (ids.has(zone.id)) problems.push({ path: `${at}/id`, message: `zone id "${zone.id}" is used twice` })
    ids.add(zone.id)
    const r = zone.rect
    if (r.x + r.w > width || r.y + r.h > height) {
      problems.push({
        path: `${at}/rect`,
        message: `zone "${zone.id}" ${rectText(r)} lies outside the grid (${width} × ${height} cells: ${grid.cols} × ${grid.rows} screens of ${grid.cells_x} × ${grid.cells_y})`,
      })
    } else {
      const seam = seamCrossed(r, grid.cells_x, grid.cells_y)
      if (seam) problems.push({ path: `${at}/rect`, message: `zone "${zone.id}" ${seam}; no text may straddle two screens` })
    }
    layout.zones.slice(0, z).forEach((other) => {
      if (overlaps(r, other.rect)) {
        problems.push({ path: `${at}/rect`, message: `zone "${zone.id}" overlaps zone "${other.id}"` })
      }
    })
    zone.panels.forEach((panel, p) => {
      problems.push(...panelProblems(panel, zone, grid, `${at}/panels/${p}`))
      // Panels of a rotating zone take turns in the same place; others share the zone and must not overlap.
      if (zone.rotate_seconds === undefined) {
        const full = { x: 0, y: 0, w: r.w, h: r.h }
        zone.panels.slice(0, p).forEach((other, q) => {
          if (overlaps(panel.rect ?? full, other.rect ?? full)) {
            problems.push({ path: `${at}/panels/${p}/rect`, message: `panel ${p} (${panel.type}) overlaps panel ${q} (${other.type}) in zone "${zone.id}"` })
          }
        })
      }
    })
  })

  if (!layout.zones.some((zone) => zone.panels.some((p) => p.type === 'clock'))) {
    problems.push({ path: '/zones', message: 'no clock panel: the wall needs one to show the time and how fresh its data is' })
  }
  return problems
}

/** Parses and checks a layout file's text; throws a LayoutError naming every problem. */
export function parseLayout(text: string, origin: string): Layout {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (err) {
    throw new LayoutError(origin, [{ path: '', message: `not valid JSON: ${(err as Error).message}` }])
  }
  const problems = layoutProblems(value)
  if (problems.length > 0) throw new LayoutError(origin, problems)
  return value as Layout
}
