// What is wrong with an alerting configuration, said so that a person can
// fix it: the field (as a path into the file, e.g. rules[3].clear), the line
// when it came from a file, and what was expected. Every check (the schema,
// the references between sections, the territory, the environment) speaks
// this one shape, so the start, a reload and an API edit say the same thing.
import { ConfigError } from '../../../core/env.ts'

export type Path = ReadonlyArray<string | number>

export interface Problem {
  path: Path
  message: string
}

/** `rules[3].clear`, `roster.teams.a.lead`, or `(file)` for the whole. */
export function fieldOf(path: Path): string {
  let out = ''
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out === '' ? part : `.${part}`
  return out === '' ? '(file)' : out
}

/** The id of the rule or receiver a path points into, to name it beside its index. */
function itemLabel(config: unknown, path: Path): string {
  const [section, index] = path
  if ((section !== 'rules' && section !== 'receivers') || typeof index !== 'number') return ''
  const item = (config as Record<string, unknown[] | undefined> | null)?.[section]?.[index] as { id?: unknown } | undefined
  return typeof item?.id === 'string' ? ` (${section === 'rules' ? 'rule' : 'receiver'} ${item.id})` : ''
}

/** One problem as one line: `rules[3].clear (rule sl-low): …`, with `line N: ` first when known. */
export function describeProblem(problem: Problem, config: unknown, line?: number | null): string {
  const where = line ? `line ${line}: ` : ''
  return `${where}${fieldOf(problem.path)}${itemLabel(config, problem.path)}: ${problem.message}`
}

/**
 * The configuration is not valid: every problem found, the first one first.
 * A ConfigError, so that a bad file at start stops it with this one line.
 */
export class AlertingConfigInvalid extends ConfigError {
  override name = 'AlertingConfigInvalid'
  constructor(
    /** Each problem as one line (with its line number when from a file). */
    readonly problems: string[],
    /** What the first line is prefixed with, e.g. "ALERTING_FILE /etc/cc/alerting.yaml". */
    readonly origin: string,
  ) {
    super(`${origin}${origin ? ' ' : ''}${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : ''}`)
  }
}
