// Kafka → ingest pipeline → ClickHouse: the deployed ingest's consumers.
//
// Delivery guarantee. A consumer group reads the five event topics. Each
// fetched batch of a partition is handed to the pipeline, and its offsets are
// resolved and committed only once the pipeline says every event of the
// batch is stored (`durable`), i.e. after the ClickHouse insert landed. So
// Kafka delivers at least once: after a crash or a rebalance a new owner
// re-reads from the last commit, which can only repeat events that are
// already stored. The pipeline drops an event whose event_id is stored
// (ingest/dedupe.ts), and within one process it stores batches one after the
// other, so a repeat is recognised even when it arrives while the original
// is still being written. A process killed in the middle of an insert (the
// events stored, some rollups not yet) leaves the batch in its journal, and
// the next start completes that insert before consuming (insert-journal.ts),
// so the repeats it then skips are counted everywhere. Together: every event
// counts exactly once in the KPIs (exactly-once effect). The one gap: if a batch cannot be stored
// within the group's rebalance timeout, the partition moves to another
// process while the batch is still pending here, and both may write it.
//
// Poison messages (not JSON, invalid, too large) are dead-lettered by the
// pipeline with their reason; they are part of the batch's `durable`, so
// their offsets are committed like any other and never stall the partition.
// With KAFKA_DLQ_TOPIC set they are also published there (reason, origin
// topic, partition and offset in headers) before the batch is committed.
//
// Backpressure. When ClickHouse refuses inserts the pipeline keeps its batch,
// retries with backoff and `durable` waits. The consumer then pauses its
// topics (no more fetches into a full buffer, no busy loop), keeps
// heartbeating so it keeps its partitions, and resumes once inserts succeed:
// nothing is skipped (offsets are not committed past unstored events) and
// nothing is dropped (the pipeline never drops a valid event).
import { Partitioners, type Consumer, type EachBatchPayload, type KafkaMessage, type Producer } from 'kafkajs'
import type { IngestPipeline } from '../pipeline.ts'
import { counterOf, createMetricsRegistry, gaugeOf, type Registry } from '../../core/metrics/registry.ts'
import { createKafkaClient, type KafkaLogger } from '../../core/kafka/kafka-client.ts'
import { loadKafkaConsumerSettings, type KafkaConfig, type KafkaConsumerSettings } from '../../core/kafka/kafka-config.ts'
import { ConsumptionGate } from './consumption-gate.ts'
import { publishDeadLetters } from '../../core/kafka/dead-letter-topic.ts'
import { LagMonitor, type PartitionLag } from './lag-monitor.ts'
import { ensureTopics, eventTopics } from '../../core/kafka/topics.ts'

export interface KafkaIngestOptions {
  config: KafkaConfig
  pipeline: IngestPipeline
  logger: KafkaLogger
  partitionsConsumedConcurrently?: number
  /** Group timings and topic creation; defaults as documented in loadKafkaConsumerSettings. */
  settings?: Partial<KafkaConsumerSettings>
  /** Pause when a batch has waited this long to be stored (default 5 s)... */
  stallMs?: number
  /** ...or when the pipeline holds this many events (default 100,000). */
  highWaterRows?: number
  /** On stop, how long the batch in flight may take to be stored before it is left for redelivery. */
  stopTimeoutMs?: number
  /** How long a lag reading is reused (default 5 s). */
  lagCacheMs?: number
  /** Called when the consumer crashed and kafkajs will not restart it. */
  onCrash?: (err: Error) => void
  /** The process's Prometheus registry; a registry of its own when absent. */
  metrics?: Registry
}

export interface KafkaIngestStatus {
  /** Joined the group at least once. */
  joined: boolean
  crashed: string | null
  paused: boolean
  /** Partitions assigned to this member, by topic. */
  assigned: Record<string, number[]>
}

export interface KafkaIngest {
  /** Finishes the batch in flight, commits it, leaves the group. */
  stop(): Promise<void>
  /** Consumer lag per partition, read from the brokers (cached for a few seconds). */
  lags(): Promise<PartitionLag[]>
  /** The registry holding this consumer's metrics (lag, state), as Prometheus text. */
  metricsText(): Promise<string>
  status(): KafkaIngestStatus
}

const DEFAULT_SETTINGS = loadKafkaConsumerSettings({})
const LAG_REPORT_MS = 5000

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

function isRebalancing(err: unknown): boolean {
  const type = (err as { type?: string } | null)?.type
  return type === 'REBALANCE_IN_PROGRESS' || type === 'NOT_COORDINATOR_FOR_GROUP' || type === 'ILLEGAL_GENERATION'
}

export async function startKafkaIngest(opts: KafkaIngestOptions): Promise<KafkaIngest> {
  const { config, pipeline, logger } = opts
  const settings = { ...DEFAULT_SETTINGS, ...opts.settings }
  const concurrency = opts.partitionsConsumedConcurrently ?? settings.partitionsConsumedConcurrently
  const stallMs = opts.stallMs ?? 5000
  const highWaterRows = opts.highWaterRows ?? 100_000
  const stopTimeoutMs = opts.stopTimeoutMs ?? 30_000
  // Waiting on storage wakes this often to heartbeat and to decide on pausing.
  const tickMs = Math.max(50, Math.min(settings.heartbeatIntervalMs, 1000))
  const topics = eventTopics(config.topicPrefix)

  const kafka = createKafkaClient(config, logger)
  const admin = kafka.admin()
  await admin.connect()
  const created = await ensureTopics(admin, config, {
    partitions: settings.topicPartitions,
    replicationFactor: settings.topicReplicationFactor,
  })
  if (created.length > 0) logger.info({ topics: created, partitions: settings.topicPartitions }, 'kafka: created topics')

  const consumer: Consumer = kafka.consumer({
    groupId: config.groupId,
    sessionTimeout: settings.sessionTimeoutMs,
    heartbeatInterval: settings.heartbeatIntervalMs,
    rebalanceTimeout: settings.rebalanceTimeoutMs,
    maxWaitTimeInMs: 1000,
    allowAutoTopicCreation: false,
  })
  const gate = new ConsumptionGate(consumer, topics, logger)
  const dlqProducer: Producer | null = config.dlqTopic
    ? kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false, maxInFlightRequests: 1 })
    : null
  const lagMonitor = new LagMonitor(admin, config.groupId, topics, opts.lagCacheMs ?? 5000)

  let joined = false
  let crashed: string | null = null
  let assigned: Record<string, number[]> = {}
  let rebalancesTotal = 0
  let batchesCommitted = 0
  let lagScrapeErrors = 0
  let batchesInFlight = 0
  let lastStoredAt = Date.now()
  let stopRequestedAt: number | null = null
  let stopping: Promise<void> | null = null

  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    // Entities of partitions now owned here may have been written by another
    // process: their cached state is re-read from ClickHouse.
    pipeline.projector.clear()
    joined = true
    rebalancesTotal += 1
    assigned = Object.fromEntries(Object.entries(payload.memberAssignment).map(([t, ps]) => [t, [...ps].sort((a, b) => a - b)]))
    logger.info({ group: payload.groupId, member: payload.memberId, assigned }, 'kafka: joined the consumer group')
  })
  // Every fetch, with or without messages, shows the flow from Kafka alive
  // (a quiet topic at night is not a stopped consumer).
  consumer.on(consumer.events.FETCH, () => {
    for (const topic of topics) pipeline.liveness.polled(`kafka:${topic}`)
  })
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    if (payload.restart) {
      logger.warn({ err: payload.error.message }, 'kafka: consumer failed, restarting it')
      return
    }
    crashed = payload.error.message
    logger.error({ err: payload.error.message }, 'kafka: consumer crashed and will not restart')
    opts.onCrash?.(payload.error)
  })

  /** Waits for `work`, heartbeating and pausing meanwhile; gives up only when a stop has waited too long. */
  async function untilSettled<T>(
    work: Promise<T>,
    heartbeat: () => Promise<void>,
    rebalance: { error: unknown },
  ): Promise<{ done: true; value: T } | { done: false }> {
    const started = Date.now()
    let outcome: { value: T } | null = null
    const watched = work.then((value) => {
      outcome = { value }
    })
    // A failure surfaces through the race below; this only keeps a failure
    // after a given-up wait from being reported as unhandled.
    watched.catch(() => undefined)
    for (;;) {
      await Promise.race([watched, sleep(tickMs)])
      if (outcome) return { done: true, value: (outcome as { value: T }).value }
      if (rebalance.error === null) {
        try {
          await heartbeat()
        } catch (err) {
          // Finish the batch before rejoining: the rebalance waits for this
          // member, so the partition moves only after its events are stored.
          if (isRebalancing(err)) rebalance.error = err
          else logger.warn({ err: (err as Error).message }, 'kafka: heartbeat failed while waiting for storage')
        }
      }
      const waited = Date.now() - Math.max(started, lastStoredAt)
      if (waited >= stallMs) gate.pause(`a batch has waited ${waited} ms to be stored`)
      else if (pipeline.buffered >= highWaterRows) gate.pause(`the ingest buffer holds ${pipeline.buffered} events`)
      if (stopRequestedAt !== null && Date.now() - stopRequestedAt >= stopTimeoutMs) return { done: false }
    }
  }

  async function eachBatch(payload: EachBatchPayload): Promise<void> {
    if (payload.batch.messages.length === 0 || payload.isStale()) return
    batchesInFlight += 1
    try {
      await storeAndCommit(payload)
    } finally {
      batchesInFlight -= 1
    }
  }

  async function storeAndCommit(payload: EachBatchPayload): Promise<void> {
    const { batch, heartbeat, isStale, resolveOffset, uncommittedOffsets, commitOffsetsIfNecessary } = payload
    const { topic, partition } = batch
    const messages: KafkaMessage[] = batch.messages
    const source = `kafka:${topic}/${partition}`
    const rebalance: { error: unknown } = { error: null }
    if (pipeline.buffered >= highWaterRows) gate.pause(`the ingest buffer holds ${pipeline.buffered} events`)

    // A null value (a tombstone) is handed over as empty input and dead-lettered.
    const items = messages.map((m) => ({ input: m.value ?? '', source }))
    const leftForRedelivery = () =>
      logger.warn({ topic, partition, from: messages[0].offset, messages: messages.length }, 'kafka: stopping before this batch was stored; it stays uncommitted and will be read again')
    const submitted = await untilSettled(pipeline.submit(items), heartbeat, rebalance)
    if (!submitted.done) return leftForRedelivery()
    const { results, durable } = submitted.value
    if (!(await untilSettled(durable, heartbeat, rebalance)).done) return leftForRedelivery()
    if (dlqProducer && config.dlqTopic) {
      const dead = publishDeadLetters(dlqProducer, config.dlqTopic, topic, partition, messages, results)
      if (!(await untilSettled(dead, heartbeat, rebalance)).done) return leftForRedelivery()
    }
    lastStoredAt = Date.now()
    // The last batch in flight resumes whatever the buffer holds: nothing
    // else would, and what is buffered is being stored.
    if (pipeline.buffered < highWaterRows || batchesInFlight === 1) gate.resume()
    if (isStale()) return

    for (const m of messages) resolveOffset(m.offset)
    // kafkajs reports partitions of uncommitted offsets as strings.
    const mine = uncommittedOffsets().topics
      .filter((t) => t.topic === topic)
      .map((t) => ({ topic, partitions: t.partitions.filter((p) => Number(p.partition) === partition) }))
      .filter((t) => t.partitions.length > 0)
    try {
      if (mine.length > 0) await commitOffsetsIfNecessary({ topics: mine })
      batchesCommitted += 1
    } catch (err) {
      logger.warn({ topic, partition, err: (err as Error).message }, 'kafka: commit refused; the stored batch will be read again and recognised as duplicates')
      throw err
    }
    if (rebalance.error !== null) throw rebalance.error
  }

  await dlqProducer?.connect()
  await consumer.connect()
  await consumer.subscribe({ topics, fromBeginning: true })
  await consumer.run({
    autoCommit: false,
    eachBatchAutoResolve: false,
    partitionsConsumedConcurrently: concurrency,
    eachBatch,
  })
  logger.info({ topics, group: config.groupId, brokers: config.brokers }, 'kafka: consuming')

  // Lag is read from the brokers when Prometheus scrapes (cached for a few
  // seconds); a failed read says so in cc_kafka_lag_scrape_ok rather than
  // failing the whole scrape.
  const registry = opts.metrics ?? createMetricsRegistry({ processMetrics: false })
  let lastLag: { lags: PartitionLag[]; ok: boolean } = { lags: [], ok: true }
  const readLag = async () => {
    try {
      lastLag = { lags: await lagMonitor.lags(), ok: true }
    } catch (err) {
      lagScrapeErrors += 1
      logger.warn({ err: (err as Error).message }, 'kafka: cannot read consumer lag')
      lastLag = { lags: [], ok: false }
    }
    return lastLag
  }
  // The lag per topic goes with the sources' liveness: a consumer that polls
  // but falls behind is not live.
  const lagTimer = setInterval(() => {
    void readLag().then(({ lags, ok }) => {
      for (const topic of topics) {
        const mine = lags.filter((l) => l.topic === topic)
        pipeline.liveness.lag(`kafka:${topic}`, ok ? mine.reduce((n, l) => n + l.lag, 0) : null)
      }
    })
  }, LAG_REPORT_MS)
  lagTimer.unref()

  const byPartition = (pick: (l: PartitionLag) => number) => async () =>
    (await readLag()).lags.map((l): [{ topic: string; partition: string }, number] => [{ topic: l.topic, partition: String(l.partition) }, pick(l)])
  const partitionGauge = (name: string, help: string, pick: (l: PartitionLag) => number) =>
    gaugeOf(registry, { name, help, labelNames: ['topic', 'partition'] as const }, byPartition(pick))
  partitionGauge('cc_kafka_consumer_lag', 'Messages of the partition not yet stored and committed by the consumer group', (l) => l.lag)
  partitionGauge('cc_kafka_consumer_committed_offset', 'Next offset the consumer group reads in the partition', (l) => l.committed)
  partitionGauge('cc_kafka_partition_end_offset', 'Next offset to be written in the partition', (l) => l.end)
  gaugeOf(registry, { name: 'cc_kafka_lag_scrape_ok', help: 'Whether the lag above could be read from the brokers (1) or not (0)' }, async () => ((await readLag()).ok ? 1 : 0))
  counterOf(registry, { name: 'cc_kafka_lag_scrape_errors_total', help: 'Failed attempts to read the consumer lag' }, () => lagScrapeErrors)
  gaugeOf(registry, { name: 'cc_kafka_consumer_paused', help: 'Whether this consumer has paused fetching until ClickHouse takes inserts (1) or not (0)' }, () => (gate.paused ? 1 : 0))
  counterOf(registry, { name: 'cc_kafka_consumer_pauses_total', help: 'Times this consumer paused fetching' }, () => gate.pausesTotal)
  counterOf(registry, { name: 'cc_kafka_consumer_rebalances_total', help: 'Times this consumer joined its group' }, () => rebalancesTotal)
  gaugeOf(registry, { name: 'cc_kafka_consumer_assigned_partitions', help: 'Partitions assigned to this consumer' }, () =>
    Object.values(assigned).reduce((n, ps) => n + ps.length, 0),
  )
  counterOf(registry, { name: 'cc_kafka_consumer_batches_committed_total', help: 'Batches stored and committed by this consumer' }, () => batchesCommitted)

  return {
    stop() {
      stopping ??= (async () => {
        stopRequestedAt = Date.now()
        clearInterval(lagTimer)
        // disconnect() lets the batch in flight finish (stored, then
        // committed by eachBatch), then leaves the group.
        await consumer.disconnect()
        await dlqProducer?.disconnect()
        await admin.disconnect()
        logger.info({ group: config.groupId }, 'kafka: left the consumer group')
      })()
      return stopping
    },
    lags: async () => (await readLag()).lags,
    metricsText: () => registry.metrics(),
    status: () => ({ joined, crashed, paused: gate.paused, assigned }),
  }
}
