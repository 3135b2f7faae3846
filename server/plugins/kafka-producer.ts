// Gives routes the Kafka publisher as `app.kafkaPublisher`, the event sink of
// a deployed server (KAFKA_BROKERS set): POST /api/v1/events publishes to the
// event topics and the ingest processes store what they consume. The
// publisher is created at registration (topics ensured, producer connected)
// and closed, after its unacknowledged messages settle, when the app closes.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import type { KafkaConfig } from '../../core/kafka/kafka-config.ts'
import { createKafkaPublisher, type KafkaPublisher, type PublisherOptions } from '../../core/kafka/publisher.ts'

declare module 'fastify' {
  interface FastifyInstance {
    kafkaPublisher: KafkaPublisher
  }
}

export interface KafkaProducerPluginOptions {
  config: KafkaConfig
  publisher: PublisherOptions
}

async function kafkaProducer(app: FastifyInstance, opts: KafkaProducerPluginOptions): Promise<void> {
  let publisher: KafkaPublisher
  try {
    publisher = await createKafkaPublisher(opts.config, app.log, opts.publisher)
  } catch (err) {
    throw new Error(`cannot publish to Kafka at ${opts.config.brokers.join(',')}: ${(err as Error).message}`, { cause: err })
  }
  app.decorate('kafkaPublisher', publisher)
  app.addHook('onClose', async () => {
    await publisher.close()
  })
}

export default fp(kafkaProducer, { name: 'kafka-producer' })
