// The Java a broker runs on. Kafka 4.x brokers need Java 17 or later, and the
// build machines have 17: anything older is refused before a JVM is started,
// with what to install, instead of failing later inside Kafka.
import { execFile } from 'node:child_process'
import { realClockEnv } from '../real-clock.ts'
import { promisify } from 'node:util'

const run = promisify(execFile)

export class MissingToolError extends Error {
  override name = 'MissingToolError'
}

const INSTALL_JAVA = 'install a Java 17 runtime (Debian: apt-get install openjdk-17-jre-headless)'

/** Resolves when `java` on PATH is version 17 or later; rejects saying what to install otherwise. */
export async function requireJava17(): Promise<void> {
  let output: string
  try {
    const { stdout, stderr } = await run('java', ['-version'], { env: realClockEnv() })
    output = stderr + stdout
  } catch (err) {
    throw new MissingToolError(`a real Kafka broker needs Java 17 or later, and \`java -version\` failed (${(err as Error).message}): ${INSTALL_JAVA}`)
  }
  // "17.0.15" → 17; Java 8 and older say "1.8.0_…" → 1.
  const major = Number(/version "(\d+)/.exec(output)?.[1] ?? 0)
  if (major < 17) throw new MissingToolError(`a real Kafka broker needs Java 17 or later, found: ${output.split('\n')[0]}; ${INSTALL_JAVA}`)
}
