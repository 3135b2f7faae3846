// Apache Kafka's server jars for one version, from Maven Central with Maven
// (pom.xml beside this file). Maven keeps what it downloads in ~/.m2, and
// the jars are copied once into the cache directory of the version, so a
// warm start costs a directory check and no Maven at all.
import { execFile } from 'node:child_process'
import { realClockEnv } from '../real-clock.ts'
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { kafkaCacheDir, kafkaCacheRoot } from './cache.ts'
import { withDirLock } from './dir-lock.ts'
import { MissingToolError } from './java.ts'

const run = promisify(execFile)
const POM = fileURLToPath(new URL('./pom.xml', import.meta.url))

/** Whether `version` looks like a Kafka release (it goes on Maven's command line). */
export function isKafkaVersion(version: string): boolean {
  return /^\d+\.\d+\.\d+$/.test(version)
}

async function copyDependencies(version: string, into: string): Promise<void> {
  const args = ['-q', '-B', '-Dstyle.color=never', '-f', POM, 'dependency:copy-dependencies', `-Dkafka.version=${version}`, `-DoutputDirectory=${into}`]
  try {
    await run('mvn', args, { env: realClockEnv(), maxBuffer: 16 << 20 })
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stdout?: string; stderr?: string }
    if (e.code === 'ENOENT') throw new MissingToolError('resolving Apache Kafka from Maven Central needs Maven: `mvn` is not on PATH (Debian: apt-get install maven)')
    const output = `${e.stdout ?? ''}${e.stderr ?? ''}`.trim().split('\n').slice(-20).join('\n')
    throw new Error(`Maven could not resolve Apache Kafka ${version} from Maven Central:\n${output}`)
  }
}

/** The directory holding every jar Kafka `version` runs on, resolved first if needed. */
export async function resolveKafkaJars(version: string): Promise<string> {
  if (!isKafkaVersion(version)) throw new Error(`not a Kafka version: '${version}' (expected e.g. 4.4.0)`)
  const dir = kafkaCacheDir(version)
  const jars = join(dir, 'jars')
  const marker = join(jars, `kafka_2.13-${version}.jar`)
  if (existsSync(marker)) return jars
  mkdirSync(dir, { recursive: true })
  // One Maven at a time on this machine, whatever the version: Maven 3.8
  // does not lock its local repository against a second writer.
  await withDirLock(join(kafkaCacheRoot(), 'resolving.lock'), async () => {
    if (existsSync(marker)) return
    const partial = join(dir, `jars.partial-${process.pid}`)
    rmSync(partial, { recursive: true, force: true })
    try {
      await copyDependencies(version, partial)
      if (!existsSync(join(partial, `kafka_2.13-${version}.jar`))) throw new Error(`Maven resolved Kafka ${version} without kafka_2.13-${version}.jar`)
      rmSync(jars, { recursive: true, force: true })
      renameSync(partial, jars)
    } finally {
      rmSync(partial, { recursive: true, force: true })
    }
  })
  return jars
}
