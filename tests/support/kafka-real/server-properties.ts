// server.properties of one node of a throwaway KRaft cluster on loopback:
// every node is broker and controller at once, the controller quorum is a
// static list of all nodes (so formatted storage holds no port and can be
// reused, see format-storage.ts), and the settings that make a small
// machine's life easier are chosen here with why.

export interface NodeSpec {
  id: number
  /** Client listener (PLAINTEXT). */
  brokerPort: number
  /** KRaft controller listener. */
  controllerPort: number
  /** log.dirs: the node's data. */
  dataDir: string
}

export function serverProperties(node: NodeSpec, all: NodeSpec[]): string {
  const replicas = Math.min(3, all.length)
  const minInSync = replicas >= 3 ? 2 : 1
  const lines = [
    'process.roles=broker,controller',
    `node.id=${node.id}`,
    `controller.quorum.voters=${all.map((n) => `${n.id}@127.0.0.1:${n.controllerPort}`).join(',')}`,
    `listeners=PLAINTEXT://127.0.0.1:${node.brokerPort},CONTROLLER://127.0.0.1:${node.controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${node.brokerPort}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    `log.dirs=${node.dataDir}`,
    // As deployed (docker-compose.yml): topics are created by ingest and
    // server, never by a client asking for an unknown one.
    'auto.create.topics.enable=false',
    'num.partitions=1',
    `default.replication.factor=${replicas}`,
    'min.insync.replicas=1',
    `offsets.topic.replication.factor=${replicas}`,
    `transaction.state.log.replication.factor=${replicas}`,
    `transaction.state.log.min.isr=${minInSync}`,
    `share.coordinator.state.topic.replication.factor=${replicas}`,
    `share.coordinator.state.topic.min.isr=${minInSync}`,
    // Fewer internal partitions than the default 50: each is a log to open.
    'offsets.topic.num.partitions=5',
    'transaction.state.log.num.partitions=5',
    // A consumer group forms at once instead of after 3 s, and tests may use
    // session timeouts of a few seconds (the broker's floor is 6 s).
    'group.initial.rebalance.delay.ms=0',
    'group.min.session.timeout.ms=1000',
    // Two cores: fewer threads than the defaults.
    'num.network.threads=2',
    'num.io.threads=2',
    'num.recovery.threads.per.data.dir=1',
    'background.threads=2',
    'log.segment.bytes=16777216',
    // The log cleaner allocates this buffer on the heap at start (128 MiB by
    // default): with it the broker does not fit a 256 MiB heap.
    'log.cleaner.dedupe.buffer.size=4194304',
    // A node killed and started again cannot register until the controller
    // has given up its previous session (9 s by default), and a dead node's
    // partitions move only then: tests that kill nodes wait less.
    'broker.heartbeat.interval.ms=500',
    'broker.session.timeout.ms=3000',
  ]
  if (all.length > 1) {
    // The default election timeout (1 s) is most of a cluster's start, and
    // of the wait for a new leader after a node goes down.
    lines.push('controller.quorum.election.timeout.ms=300', 'controller.quorum.election.backoff.max.ms=300')
  }
  return `${lines.join('\n')}\n`
}
