// How every Kafka JVM of the harness is started. Measured on the 2-core
// build machines (Kafka 4.4.0, one node): with these flags a broker starts in
// 2–3 s where the JVM's defaults took 2–6 s, and holds about 150 MB.
import { fileURLToPath } from 'node:url'

const LOG_CONFIG = fileURLToPath(new URL('./log4j2.properties', import.meta.url))

export function jvmOptions(jarsDir: string, logLevel: string): string[] {
  return [
    // A test broker holds little; 256 MiB is ample once the log cleaner's
    // buffer is small (server-properties.ts).
    '-Xms64m',
    '-Xmx256m',
    // One GC thread and the quick compiler only: on 2 shared cores, C2 and a
    // parallel collector cost start time and gain nothing at test loads.
    '-XX:+UseSerialGC',
    '-XX:TieredStopAtLevel=1',
    // No /tmp/hsperfdata file per JVM.
    '-XX:-UsePerfData',
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${LOG_CONFIG}`,
    `-Dkafka.log.level=${logLevel}`,
    '-cp',
    `${jarsDir}/*`,
  ]
}
