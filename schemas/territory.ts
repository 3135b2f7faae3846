// The service territory: regions, call queues and teams, with the region
// boundaries as GeoJSON. A center replaces the demo file with its own through
// TERRITORY_FILE; the file is validated at load so that a typo stops the start
// with a message naming the field, not a blank map later.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Type, type Static } from '@sinclair/typebox'
import { Ajv } from 'ajv'
import { AREA_CLASSES } from './events.ts'

const Code = Type.String({ minLength: 1, maxLength: 64 })

export const TerritorySchema = Type.Object({
  name_zh: Type.String(),
  name_en: Type.String(),
  hotline: Type.Optional(Type.String()),
  time_zone: Type.Optional(Type.String()),
  regions: Type.Array(
    Type.Object({
      code: Code,
      name_zh: Type.String({ minLength: 1 }),
      name_en: Type.String({ minLength: 1 }),
      customers: Type.Integer({ minimum: 1 }),
      area_class: Type.Unsafe<(typeof AREA_CLASSES)[number]>({ type: 'string', enum: [...AREA_CLASSES] }),
    }),
    { minItems: 1 },
  ),
  queues: Type.Array(Type.Object({ code: Code, name_zh: Type.String(), name_en: Type.String() }), { minItems: 1 }),
  teams: Type.Array(
    Type.Object({
      code: Code,
      name_zh: Type.String(),
      name_en: Type.String(),
      kind: Type.Unsafe<'agents' | 'field' | 'backoffice'>({ type: 'string', enum: ['agents', 'field', 'backoffice'] }),
    }),
    { minItems: 1 },
  ),
  geojson: Type.Object({
    type: Type.Literal('FeatureCollection'),
    features: Type.Array(
      Type.Object({
        type: Type.Literal('Feature'),
        properties: Type.Object({ code: Code }),
        geometry: Type.Object({ type: Type.String(), coordinates: Type.Array(Type.Unknown()) }),
      }),
    ),
  }),
})
export type Territory = Static<typeof TerritorySchema>
export type Region = Territory['regions'][number]

export const DEMO_TERRITORY_FILE = fileURLToPath(new URL('./territory/demo.json', import.meta.url))

const validate = new Ajv({ allErrors: false, strict: false }).compile(TerritorySchema)

/** Parses and checks a territory; throws an Error whose message names the problem. */
export function parseTerritory(text: string, origin: string): Territory {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (err) {
    throw new Error(`territory file ${origin} is not valid JSON: ${(err as Error).message}`)
  }
  if (!validate(value)) {
    const e = validate.errors![0]
    throw new Error(`territory file ${origin}: ${e.instancePath || '(root)'} ${e.message ?? ''}`.trim())
  }
  const territory = value as Territory
  const codes = new Set(territory.regions.map((r) => r.code))
  if (codes.size !== territory.regions.length) throw new Error(`territory file ${origin}: region codes must be unique`)
  for (const f of territory.geojson.features) {
    if (!codes.has(f.properties.code)) {
      throw new Error(`territory file ${origin}: GeoJSON feature with unknown region code ${f.properties.code}`)
    }
  }
  return territory
}

export function loadTerritory(file: string = DEMO_TERRITORY_FILE): Territory {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (err) {
    throw new Error(`cannot read territory file ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`)
  }
  return parseTerritory(text, file)
}

export function totalCustomers(territory: Territory): number {
  return territory.regions.reduce((sum, r) => sum + r.customers, 0)
}
