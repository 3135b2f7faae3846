// KRaft needs every node's storage formatted (kafka.tools.StorageTool, a JVM
// of its own, 1–2 s here) before its first start. Formatted storage of a
// static quorum holds the cluster id, node id and metadata version but no
// address, so the first format of a version and node count is kept as a
// template in the cache and later clusters start from a copy of it: they
// then share a cluster id, which nothing here looks at.
import { spawn } from 'node:child_process'
import { realClockEnv } from '../real-clock.ts'
import { randomBytes } from 'node:crypto'
import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { kafkaCacheDir } from './cache.ts'
import { jvmOptions } from './jvm-options.ts'
import type { NodeSpec } from './server-properties.ts'

/** A random cluster id as Kafka writes them: 16 bytes, base64url, never starting with '-' (it would read as a flag). */
function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url')
    if (!id.startsWith('-')) return id
  }
}

function format(jarsDir: string, clusterId: string, propertiesFile: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const args = [...jvmOptions(jarsDir, 'WARN'), 'kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', propertiesFile]
    const child = spawn('java', args, { env: realClockEnv(), stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (d: Buffer) => (output += d.toString()))
    child.stderr.on('data', (d: Buffer) => (output += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`formatting Kafka storage failed (${propertiesFile}):\n${output.slice(-4000)}`))))
  })
}

/**
 * Formats each node's data directory (server.properties already written as
 * `propertiesFiles[i]`), from the cached template when there is one.
 */
export async function formatStorage(version: string, jarsDir: string, nodes: NodeSpec[], propertiesFiles: string[]): Promise<void> {
  const template = join(kafkaCacheDir(version), `formatted-${nodes.length}-nodes`)
  if (existsSync(join(template, 'cluster-id'))) {
    for (const node of nodes) cpSync(join(template, `node-${node.id}`), node.dataDir, { recursive: true })
    return
  }
  const clusterId = newClusterId()
  await Promise.all(nodes.map((_, i) => format(jarsDir, clusterId, propertiesFiles[i])))
  // Kept only once complete (a rename); of two first formats at once, one
  // loses the rename and nothing else.
  mkdirSync(dirname(template), { recursive: true })
  const partial = mkdtempSync(`${template}.partial-`)
  for (const node of nodes) cpSync(node.dataDir, join(partial, `node-${node.id}`), { recursive: true })
  writeFileSync(join(partial, 'cluster-id'), clusterId)
  try {
    renameSync(partial, template)
  } catch {
    rmSync(partial, { recursive: true, force: true })
  }
}
