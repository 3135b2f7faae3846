// Every check of an alerting configuration, in one call, for the file at
// start, a reload and an API edit alike: first its shape (the schema), then,
// when the shape is right, what the schema cannot say (the references
// between sections, the territory's codes, the environment's variables).
import type { Env } from '../../../core/env.ts'
import type { AlertingFile } from '../../../schemas/alerting-config.ts'
import type { Territory } from '../../../schemas/territory.ts'
import type { Problem } from './problems.ts'
import { receiverProblems } from './receiver-checks.ts'
import { rosterProblems } from './roster-checks.ts'
import { routingProblems } from './routing-checks.ts'
import { ruleProblems } from './rule-checks.ts'
import { schemaProblems } from './schema-check.ts'

export interface CheckContext {
  territory: Territory
  /** Where ${VAR} references are looked up. */
  env: Env
}

/** The problems of a configuration, in the order of the file's sections; none: it is a valid AlertingFile. */
export function configProblems(value: unknown, ctx: CheckContext): Problem[] {
  const shape = schemaProblems(value)
  if (shape.length > 0) return shape
  const file = value as AlertingFile
  return [
    ...ruleProblems(file.rules, ctx.territory),
    ...receiverProblems(file, ctx.env),
    ...routingProblems(file),
    ...(file.roster ? rosterProblems(file.roster) : []),
  ]
}
