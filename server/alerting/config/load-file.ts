// Reading an alerting file (ALERTING_FILE, or the built-in defaults): the
// text, JSON or YAML by extension, checked whole, each problem with the line
// it is on. A bad file is an AlertingConfigInvalid (a ConfigError): at start
// it stops the start with one line naming the file, the line and the field.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { AlertingFile } from '../../../schemas/alerting-config.ts'
import { configProblems, type CheckContext } from './check-config.ts'
import { formatOf, parseText } from './file-text.ts'
import { AlertingConfigInvalid, describeProblem } from './problems.ts'

/** The default set for the demo territory, used when ALERTING_FILE is unset. */
export const DEFAULT_ALERTING_FILE = fileURLToPath(new URL('../../../schemas/alerting/default.yaml', import.meta.url))

/** How a file is named in messages: the variable that chose it, or what it is. */
export const fileOrigin = (file: string | undefined) => (file ? `ALERTING_FILE ${file}` : `the built-in alerting defaults (${DEFAULT_ALERTING_FILE})`)

export function readAlertingFile(file: string | undefined, ctx: CheckContext): AlertingFile {
  const path = file ?? DEFAULT_ALERTING_FILE
  const origin = fileOrigin(file)
  const format = formatOf(path)
  if (format === null) throw new AlertingConfigInvalid(['must be a .json, .yaml or .yml file'], origin)
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (err) {
    throw new AlertingConfigInvalid([`cannot be read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`], origin)
  }
  const parsed = parseText(text, format)
  if (!parsed.ok) throw new AlertingConfigInvalid([`${parsed.line ? `line ${parsed.line}: ` : ''}${parsed.message}`], origin)
  const problems = configProblems(parsed.value, ctx)
    .map((p) => ({ line: parsed.lineOf(p.path), problem: p }))
    // Top of the file first: the first line a person reads is the first place to look.
    .sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity))
  if (problems.length > 0) throw new AlertingConfigInvalid(problems.map(({ line, problem }) => describeProblem(problem, parsed.value, line)), origin)
  return parsed.value as AlertingFile
}
