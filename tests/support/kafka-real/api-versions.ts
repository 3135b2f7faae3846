// The protocol version kafkajs speaks to a broker for each API the project
// uses, beside the range the broker serves. kafkajs takes the lower of its
// own highest version and the broker's highest, and never looks at the
// broker's lowest (kafkajs/src/protocol/requests/index.js, `lookup`). Kafka
// 4.0 raised the lowest version of many APIs (KIP-896): a client whose
// highest fell below a new lowest would be refused there. This reads what a
// broker serves and says, API by API, whether kafkajs still fits.
import { createRequire } from 'node:module'
import { WireClient } from '../kafkajs-wire-client.ts'

const require = createRequire(import.meta.url)
// kafkajs ships no types for its internals: these describe the parts read.
const API_KEYS = require('kafkajs/src/protocol/requests/apiKeys') as Record<string, number>
const { requests } = require('kafkajs/src/protocol/requests') as { requests: Record<string, { versions: string[] }> }

/**
 * The kafkajs APIs the ingest, the publisher and the server call (kafkajs's
 * names: GroupCoordinator is FindCoordinator), SASL's two included since
 * KAFKA_SASL_MECHANISM turns them on.
 */
const APIS_USED = [
  'Produce', 'Fetch', 'ListOffsets', 'Metadata', 'OffsetCommit', 'OffsetFetch', 'GroupCoordinator', 'JoinGroup',
  'Heartbeat', 'LeaveGroup', 'SyncGroup', 'SaslHandshake', 'ApiVersions', 'CreateTopics', 'InitProducerId', 'SaslAuthenticate',
] as const

export interface ApiVersionFit {
  api: string
  key: number
  /** The highest version kafkajs implements. */
  kafkajsMax: number
  /** The broker's range; null when it does not serve the API at all. */
  broker: { min: number; max: number } | null
  /** What kafkajs sends: min(kafkajsMax, broker max). */
  sent: number | null
  /** The broker accepts what kafkajs sends. */
  fits: boolean
}

/** Asks the broker at `hostPort` for its API versions (ApiVersions) and fits kafkajs's to them. */
export async function kafkajsApiFit(hostPort: string): Promise<ApiVersionFit[]> {
  const [host, port] = hostPort.split(':')
  const client = await WireClient.connect(host, Number(port))
  let served: Array<{ apiKey: number; minVersion: number; maxVersion: number }>
  try {
    const response = await client.request<{ errorCode: number; apiVersions: typeof served }>('apiVersions', 2, {})
    if (response.errorCode !== 0) throw new Error(`ApiVersions answered error ${response.errorCode}`)
    served = response.apiVersions
  } finally {
    client.close()
  }
  return APIS_USED.map((api) => {
    const key = API_KEYS[api]
    const implemented = requests[api].versions.map(Number)
    const kafkajsMax = Math.max(...implemented)
    const range = served.find((v) => v.apiKey === key)
    const broker = range ? { min: range.minVersion, max: range.maxVersion } : null
    const sent = broker ? Math.min(kafkajsMax, broker.max) : null
    return { api, key, kafkajsMax, broker, sent, fits: broker !== null && sent !== null && sent >= broker.min && implemented.includes(sent) }
  })
}
