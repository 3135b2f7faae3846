// "Up" as a client sees it: a node's log saying it started is not enough for
// a cluster, whose brokers must also have registered with the controller.
// So a start ends when kafkajs's metadata lists every node expected.
import { Kafka, logLevel } from 'kafkajs'

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

async function listedNodes(brokers: string[]): Promise<number[]> {
  const admin = new Kafka({ clientId: 'kafka-real', brokers, logLevel: logLevel.NOTHING, connectionTimeout: 1000, retry: { retries: 0 } }).admin()
  try {
    await admin.connect()
    return (await admin.describeCluster()).brokers.map((b) => b.nodeId)
  } finally {
    await admin.disconnect()
  }
}

/** Resolves once the cluster's metadata lists every node of `nodeIds`. */
export async function untilServing(brokers: string[], nodeIds: number[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let last = 'no answer yet'
  for (;;) {
    try {
      const listed = await listedNodes(brokers)
      if (nodeIds.every((id) => listed.includes(id))) return
      last = `metadata lists nodes [${listed.join(', ')}]`
    } catch (err) {
      last = (err as Error).message
    }
    if (Date.now() > deadline) throw new Error(`Kafka at ${brokers.join(',')} did not list nodes [${nodeIds.join(', ')}] within ${timeoutMs / 1000} s (${last})`)
    await sleep(100)
  }
}
