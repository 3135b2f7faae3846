// Command-line flags for the project's small CLIs: `--name value` or
// `--name=value`, checked against a declared set so a typo is an error that
// names the flag, not a silently ignored option.
export class UsageError extends Error {
  override name = 'UsageError'
}

export interface FlagSpec {
  /** Flags that take no value. */
  booleans?: readonly string[]
  /** Flags that take a value. */
  values?: readonly string[]
}

export function parseFlags(argv: string[], spec: FlagSpec): Map<string, string | true> {
  const flags = new Map<string, string | true>()
  const booleans = new Set(spec.booleans ?? [])
  const values = new Set(spec.values ?? [])
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument '${arg}'`)
    const eq = arg.indexOf('=')
    const name = arg.slice(2, eq === -1 ? undefined : eq)
    if (booleans.has(name)) {
      if (eq !== -1) throw new UsageError(`--${name} takes no value`)
      flags.set(name, true)
    } else if (values.has(name)) {
      const value = eq === -1 ? argv[++i] : arg.slice(eq + 1)
      if (value === undefined || value === '') throw new UsageError(`--${name} needs a value`)
      flags.set(name, value)
    } else {
      throw new UsageError(`unknown flag --${name} (see --help)`)
    }
  }
  return flags
}
