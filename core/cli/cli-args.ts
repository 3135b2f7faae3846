// Command-line flags for every CLI of the project, with node:util parseArgs:
// `--name value` or `--name=value`, strict (a typo is an error naming the
// flag, never a silently ignored option). One usage-error type: the shells
// (run-cli.ts, the simulator CLI) print it in one line with the usage.
import { parseArgs, type ParseArgsConfig } from 'node:util'

export class UsageError extends Error {
  override name = 'UsageError'
}

type Options = NonNullable<ParseArgsConfig['options']>

/** The parsed flag values; throws UsageError for an unknown flag, a missing value or a stray argument. */
export function parseFlags<const O extends Options>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values
  } catch (err) {
    // Node's messages go on with advice about '--'; the first sentence is the point.
    throw new UsageError((err as Error).message.split(/\.(\s|$)/)[0])
  }
}
