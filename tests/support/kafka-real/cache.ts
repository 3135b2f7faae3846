// Where downloaded Kafka jars and formatted storage templates live between
// runs: outside the repository, one directory per Kafka version
// (~/.cache/command-center/kafka/<version>; KAFKA_CACHE_DIR overrides the root).
import { homedir } from 'node:os'
import { join } from 'node:path'

export function kafkaCacheRoot(): string {
  return process.env.KAFKA_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'command-center', 'kafka')
}

export function kafkaCacheDir(version: string): string {
  return join(kafkaCacheRoot(), version)
}
