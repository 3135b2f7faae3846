// The shell around a CLI: prints its result, turns a usage or configuration
// error into one clear line on stderr and exit code 2, any other failure into
// one line and exit code 1, never a stack trace for an expected problem.
import { UsageError } from './cli-args.ts'
import { ConfigError } from '../env.ts'
import { StorageOpenError } from '../storage/clickhouse.ts'

export async function runCli(usage: string, main: (argv: string[]) => Promise<string>): Promise<void> {
  try {
    const output = await main(process.argv.slice(2))
    process.stdout.write(`${output}\n`)
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`error: ${err.message}\n\n${usage}\n`)
      process.exitCode = 2
    } else if (err instanceof ConfigError || err instanceof StorageOpenError) {
      process.stderr.write(`error: ${err.message}\n`)
      process.exitCode = 2
    } else {
      process.stderr.write(`error: ${(err as Error).message}\n`)
      process.exitCode = 1
    }
  }
}
