// A center's own targets and thresholds (KPI_CONFIG_FILE), merged over the
// defaults of schemas/kpis.ts. The file is checked at start so that a typo
// stops the server with a message naming the KPI and the field, instead of a
// wall that silently shows every tile green:
//   { "abandonment_rate": { "target": 0.04, "thresholds": { "good": "lower", "amber": 0.04, "red": 0.06 } } }
import { readFileSync } from 'node:fs'
import { Type } from '@sinclair/typebox'
import { Ajv } from 'ajv'
import { KPI_DEFINITIONS, KPI_IDS, type KpiDefinition, type KpiId, type Thresholds } from '../../schemas/kpis.ts'

const Num = Type.Number()
const Band = Type.Tuple([Num, Num])
const ThresholdsSchema = Type.Union([
  Type.Object({ good: Type.Literal('higher'), amber: Num, red: Num }, { additionalProperties: false }),
  Type.Object({ good: Type.Literal('lower'), amber: Num, red: Num }, { additionalProperties: false }),
  Type.Object({ good: Type.Literal('range'), amber: Band, red: Band }, { additionalProperties: false }),
  Type.Object({ good: Type.Literal('none') }, { additionalProperties: false }),
])
const OverrideSchema = Type.Object(
  { target: Type.Optional(Type.Union([Num, Type.Null()])), thresholds: Type.Optional(ThresholdsSchema) },
  { additionalProperties: false },
)
interface Override {
  target?: number | null
  thresholds?: Thresholds
}

const ajv = new Ajv({ allErrors: false, strict: false })
const validateOverride = ajv.compile(OverrideSchema)
const validateThresholds = ajv.compile(ThresholdsSchema)

function thresholdProblem(t: Thresholds): string | null {
  switch (t.good) {
    case 'higher':
      return t.red <= t.amber ? null : `red (${t.red}) must not be above amber (${t.amber}) when higher is good`
    case 'lower':
      return t.red >= t.amber ? null : `red (${t.red}) must not be below amber (${t.amber}) when lower is good`
    case 'range': {
      const [al, ah] = t.amber
      const [rl, rh] = t.red
      if (al > ah || rl > rh) return 'each band must be [low, high] with low ≤ high'
      return rl <= al && rh >= ah ? null : `the red band [${rl}, ${rh}] must contain the amber band [${al}, ${ah}]`
    }
    case 'none':
      return null
  }
}

function describeAjvError(validate: typeof validateOverride | typeof validateThresholds): string {
  const e = validate.errors?.[0]
  if (!e) return 'invalid'
  if (e.keyword === 'additionalProperties') return `unknown field "${String(e.params.additionalProperty)}"`
  return `${e.instancePath || '(entry)'} ${e.message ?? e.keyword}`
}

/** Checks one override; returns what is wrong, or null. */
function overrideProblem(base: KpiDefinition, value: unknown): string | null {
  if (!validateOverride(value)) {
    const thresholds = (value as { thresholds?: unknown } | null)?.thresholds
    // A thresholds object fails as a whole union; name its own problem instead.
    if (thresholds !== undefined && !validateThresholds(thresholds)) {
      return `thresholds: ${describeAjvError(validateThresholds)} (good must be higher, lower, range or none, with amber and red as numbers, or [low, high] for range)`
    }
    return describeAjvError(validateOverride)
  }
  const o = value as Override
  if (o.thresholds) {
    if (base.thresholds.good !== 'none' && o.thresholds.good !== base.thresholds.good) {
      return `thresholds.good must stay "${base.thresholds.good}" (which direction is good is part of the KPI's definition)`
    }
    const problem = thresholdProblem(o.thresholds)
    if (problem) return `thresholds: ${problem}`
  }
  return null
}

/** The KPI definitions with a center's overrides; the defaults when no file is given. */
export function loadKpiDefinitions(file: string | undefined): Record<KpiId, KpiDefinition> {
  if (!file) return KPI_DEFINITIONS
  let value: unknown
  try {
    value = JSON.parse(readFileSync(file, 'utf8'))
  } catch (err) {
    throw new Error(`KPI_CONFIG_FILE ${file}: ${(err as Error).message}`)
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`KPI_CONFIG_FILE ${file}: expected an object of KPI id → { target, thresholds }`)
  }
  const merged = { ...KPI_DEFINITIONS }
  for (const [id, override] of Object.entries(value)) {
    if (!(KPI_IDS as readonly string[]).includes(id)) {
      throw new Error(`KPI_CONFIG_FILE ${file}: unknown KPI id "${id}" (known ids: ${KPI_IDS.join(', ')})`)
    }
    const base = KPI_DEFINITIONS[id as KpiId]
    const problem = overrideProblem(base, override)
    if (problem) throw new Error(`KPI_CONFIG_FILE ${file}: ${id}: ${problem}`)
    const o = override as Override
    merged[id as KpiId] = {
      ...base,
      target: o.target === undefined ? base.target : o.target,
      thresholds: o.thresholds ?? base.thresholds,
    }
  }
  return merged
}
