// SLA rules applied to work orders (DOMAIN.md §1, work orders). A rule sets
// the deadline of one milestone for a category (and optionally an area class)
// as minutes after the order's creation, or, for `callback`, after its
// resolution. Defaults come from public utility service commitments; a center
// supplies its own through SLA_RULES_FILE.
import { readFileSync } from 'node:fs'
import { Type, type Static } from '@sinclair/typebox'
import { Ajv } from 'ajv'
import { AREA_CLASSES, WORKORDER_CATEGORIES, type AreaClass, type WorkorderCategory } from './events.ts'

export const SLA_MILESTONES = ['contacted', 'arrived', 'resolved', 'callback'] as const
export type SlaMilestone = (typeof SLA_MILESTONES)[number]

export const SlaRuleSchema = Type.Object(
  {
    milestone: Type.Unsafe<SlaMilestone>({ type: 'string', enum: [...SLA_MILESTONES] }),
    category: Type.Unsafe<WorkorderCategory | '*'>({ type: 'string', enum: [...WORKORDER_CATEGORIES, '*'] }),
    area_class: Type.Optional(Type.Unsafe<AreaClass>({ type: 'string', enum: [...AREA_CLASSES] })),
    minutes: Type.Integer({ minimum: 1, maximum: 60 * 24 * 90 }),
  },
  { additionalProperties: false },
)
export type SlaRule = Static<typeof SlaRuleSchema>

export const DEFAULT_SLA_RULES: SlaRule[] = [
  { milestone: 'arrived', category: 'fault_repair', area_class: 'urban', minutes: 45 },
  { milestone: 'arrived', category: 'fault_repair', area_class: 'rural', minutes: 90 },
  { milestone: 'arrived', category: 'fault_repair', area_class: 'remote', minutes: 120 },
  { milestone: 'resolved', category: 'arrears_reconnect', minutes: 24 * 60 },
  { milestone: 'contacted', category: 'complaint', minutes: 2 * 60 },
  { milestone: 'callback', category: '*', minutes: 3 * 24 * 60 },
]

/** The deadline span in ms of a milestone for an order, or null when no rule applies. */
export function slaSpanMs(rules: SlaRule[], milestone: SlaMilestone, category: string, areaClass: string): number | null {
  let best: SlaRule | undefined
  for (const rule of rules) {
    if (rule.milestone !== milestone) continue
    if (rule.category !== '*' && rule.category !== category) continue
    if (rule.area_class !== undefined && rule.area_class !== areaClass) continue
    // The most specific rule wins: a named category over '*', an area class over none.
    const score = (rule.category === '*' ? 0 : 2) + (rule.area_class ? 1 : 0)
    const bestScore = best ? (best.category === '*' ? 0 : 2) + (best.area_class ? 1 : 0) : -1
    if (score > bestScore) best = rule
  }
  return best ? best.minutes * 60_000 : null
}

const validateRules = new Ajv({ strict: false }).compile(Type.Array(SlaRuleSchema, { minItems: 1 }))

export function loadSlaRules(file: string | undefined): SlaRule[] {
  if (!file) return DEFAULT_SLA_RULES
  let value: unknown
  try {
    value = JSON.parse(readFileSync(file, 'utf8'))
  } catch (err) {
    throw new Error(`SLA_RULES_FILE ${file}: ${(err as Error).message}`)
  }
  if (!validateRules(value)) {
    const e = validateRules.errors![0]
    throw new Error(`SLA_RULES_FILE ${file}: ${e.instancePath || '(root)'} ${e.message ?? ''}`.trim())
  }
  return value as SlaRule[]
}
