/**
 * Test fixture: a kafkajs group consumer in its own process, so a test can
 * kill it with SIGKILL (no LeaveGroup, no commit) and watch the group recover.
 *
 *   node --import tsx consumer-process.ts <brokers> <topic> <groupId>
 *
 * Prints one JSON line per event on stdout:
 *   {"type":"assigned","partitions":[0,2]}
 *   {"type":"message","partition":0,"offset":"3","value":"..."}
 */
import { Kafka, logLevel } from 'kafkajs'

const [brokers, topic, groupId] = process.argv.slice(2)
if (!brokers || !topic || !groupId) {
  process.stderr.write('usage: consumer-process.ts <brokers> <topic> <groupId>\n')
  process.exit(2)
}

const emit = (event: object): void => {
  process.stdout.write(`${JSON.stringify(event)}\n`)
}

const kafka = new Kafka({ clientId: 'killable-consumer', brokers: [brokers], logLevel: logLevel.NOTHING })
const consumer = kafka.consumer({
  groupId,
  sessionTimeout: 6000,
  rebalanceTimeout: 3000,
  heartbeatInterval: 500,
  maxWaitTimeInMs: 500,
})
consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
  emit({ type: 'assigned', partitions: payload.memberAssignment[topic] ?? [] })
})

await consumer.connect()
await consumer.subscribe({ topic, fromBeginning: true })
await consumer.run({
  eachMessage: async ({ partition, message }) => {
    emit({ type: 'message', partition, offset: message.offset, value: message.value?.toString() })
  },
})
