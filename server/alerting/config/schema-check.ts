// The shape of an alerting configuration against its schema
// (schemas/alerting-config.ts), said field by field. A rule is checked
// against the schema of its own kind and a receiver against its own type's,
// so that a mistake in a kpi rule is named as such instead of as "matches
// none of five kinds". Values are echoed only outside receivers: a
// receiver's URL or secret never appears in a message.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import formatsPlugin from 'ajv-formats'
import type { TSchema } from '@sinclair/typebox'
import { AlertingFile, Escalation, Receiver, Roster, Route, Rule } from '../../../schemas/alerting-config.ts'
import type { Path, Problem } from './problems.ts'

const ajv = new Ajv({ allErrors: false, strict: false, verbose: true })
// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = (formatsPlugin as unknown as { default?: typeof formatsPlugin }).default ?? formatsPlugin
addFormats(ajv, ['date'])

type Variants = Map<string, ValidateFunction>
/** One validator per value of the discriminating field (a rule's kind, a receiver's type). */
function variants(union: TSchema & { anyOf: TSchema[] }, field: string): Variants {
  return new Map(union.anyOf.map((s) => [String((s.properties as Record<string, { const: string }>)[field].const), ajv.compile(s)]))
}
const RULES = variants(Rule as TSchema & { anyOf: TSchema[] }, 'kind')
const RECEIVERS = variants(Receiver as TSchema & { anyOf: TSchema[] }, 'type')
const SECTIONS = { routes: ajv.compile(Route), escalation: ajv.compile(Escalation), roster: ajv.compile(Roster) }
const TOP_KEYS = Object.keys(AlertingFile.properties)

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const quote = (v: unknown) => JSON.stringify(v)

function pathOf(instancePath: string): Path {
  return instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p))
}

/** What a branch of a union accepts, in words: its constant, or its description. */
function branchWords(schema: Record<string, unknown>): string {
  if ('const' in schema) return String(schema.const)
  return String(schema.description ?? (schema.pattern ? `a value matching ${String(schema.pattern)}` : schema.type))
}

function describe(error: ErrorObject, echo: boolean): Problem {
  const path = pathOf(error.instancePath)
  const parent = (error.parentSchema ?? {}) as Record<string, unknown>
  const got = echo && error.data !== undefined && typeof error.data !== 'object' ? `, got ${quote(error.data)}` : ''
  const hint = typeof parent.description === 'string' ? ` (${parent.description})` : ''
  switch (error.keyword) {
    case 'required':
      return { path: [...path, String(error.params.missingProperty)], message: 'missing (required)' }
    case 'additionalProperties': {
      const key = String(error.params.additionalProperty)
      if (parent.patternProperties) {
        const [pattern] = Object.keys(parent.patternProperties as object)
        return { path: [...path, key], message: `${quote(key)} is not a well-formed name here (it must match ${pattern})` }
      }
      const known = Object.keys((parent.properties ?? {}) as object)
      return { path: [...path, key], message: `unknown field; the fields here are ${known.join(', ')}` }
    }
    case 'anyOf':
      return { path, message: `must be one of ${(error.schema as Array<Record<string, unknown>>).map(branchWords).join(', ')}${got}` }
    case 'const':
      return { path, message: `must be ${quote(error.params.allowedValue)}${got}` }
    case 'type':
      return { path, message: `must be ${/^[aeiou]/.test(String(error.params.type)) ? 'an' : 'a'} ${String(error.params.type)}${got}` }
    case 'pattern':
      return { path, message: `is not well-formed${hint || ` (it must match ${String(error.params.pattern)})`}${got}` }
    case 'format':
      return { path, message: `must be a ${String(error.params.format)}${error.params.format === 'date' ? ' (YYYY-MM-DD)' : ''}${got}` }
    default:
      return { path, message: `${error.message ?? error.keyword}${got}` }
  }
}

/** The failing error: with unions, Ajv lists each branch's error first and the union's own last. */
function check(validate: ValidateFunction, value: unknown, at: Path, echo: boolean): Problem[] {
  if (validate(value)) return []
  const error = validate.errors!.at(-1)!
  const problem = describe(error, echo)
  return [{ path: [...at, ...problem.path], message: problem.message }]
}

function checkList(value: unknown, section: 'rules' | 'receivers', field: 'kind' | 'type', by: Variants): Problem[] {
  if (!Array.isArray(value)) return [{ path: [section], message: 'must be a list' }]
  return value.flatMap((item: unknown, i): Problem[] => {
    if (!isObject(item)) return [{ path: [section, i], message: 'must be an object' }]
    const validate = by.get(String(item[field]))
    if (!validate) {
      const got = item[field] === undefined ? 'missing' : `got ${quote(item[field])}`
      return [{ path: [section, i, field], message: `must be one of ${[...by.keys()].join(', ')} (${got})` }]
    }
    return check(validate, item, [section, i], section !== 'receivers')
  })
}

/** Problems with the shape of a whole configuration; none means it is an AlertingFile. */
export function schemaProblems(value: unknown): Problem[] {
  if (!isObject(value)) return [{ path: [], message: `must be an object with the keys ${TOP_KEYS.join(', ')}` }]
  const problems: Problem[] = Object.keys(value)
    .filter((key) => !TOP_KEYS.includes(key))
    .map((key) => ({ path: [key], message: `unknown key; the keys are ${TOP_KEYS.join(', ')}` }))
  if (value.rules === undefined) problems.push({ path: ['rules'], message: 'missing (required; [] for none)' })
  else problems.push(...checkList(value.rules, 'rules', 'kind', RULES))
  if (value.receivers !== undefined) problems.push(...checkList(value.receivers, 'receivers', 'type', RECEIVERS))
  if (value.routes !== undefined) {
    if (!Array.isArray(value.routes)) problems.push({ path: ['routes'], message: 'must be a list' })
    else value.routes.forEach((route: unknown, i) => problems.push(...check(SECTIONS.routes, route, ['routes', i], true)))
  }
  if (value.escalation !== undefined) problems.push(...check(SECTIONS.escalation, value.escalation, ['escalation'], true))
  if (value.roster !== undefined) problems.push(...check(SECTIONS.roster, value.roster, ['roster'], true))
  return problems
}
