// Prometheus metrics with prom-client: one registry per process (the
// embedded all-in-one shares one between ingest and server), with the
// default process metrics operators expect of a Node service (CPU, memory,
// event-loop lag, GC, handles). Components register their metrics in the
// registry they are given; /metrics renders it.
import { collectDefaultMetrics, Counter, Gauge, Registry, type LabelValues } from 'prom-client'

export type { Registry }

// prom-client names three gauges with a `_total` suffix, which Prometheus
// reserves for counters (`promtool check metrics` refuses them). The same
// figures, correctly named, are in nodejs_active_{handles,requests,resources}.
const MISNAMED_DEFAULTS = ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']

export function createMetricsRegistry(opts: { processMetrics: boolean } = { processMetrics: true }): Registry {
  const registry = new Registry()
  if (opts.processMetrics) {
    collectDefaultMetrics({ register: registry })
    for (const name of MISNAMED_DEFAULTS) registry.removeSingleMetric(name)
  }
  return registry
}

type Samples<L extends string> = number | Array<[LabelValues<L>, number]>

function set<L extends string>(metric: { reset(): void; inc?: unknown; set?: unknown }, samples: Samples<L>, apply: (labels: LabelValues<L>, value: number) => void): void {
  metric.reset()
  if (typeof samples === 'number') apply({} as LabelValues<L>, samples)
  else for (const [labels, value] of samples) apply(labels, value)
}

/**
 * A counter whose value a component already keeps (a plain number it reads
 * itself, e.g. for a health answer or a summary): read at scrape time, so
 * there is one bookkeeping, not two.
 */
export function counterOf<L extends string = never>(
  registry: Registry,
  spec: { name: string; help: string; labelNames?: readonly L[] },
  read: () => Samples<L>,
): Counter<L> {
  return new Counter<L>({
    ...spec,
    registers: [registry],
    collect() {
      set(this, read(), (labels, value) => this.inc(labels, value))
    },
  })
}

/** A gauge read at scrape time (a buffer's size, a state, a lag). */
export function gaugeOf<L extends string = never>(
  registry: Registry,
  spec: { name: string; help: string; labelNames?: readonly L[] },
  read: () => Samples<L> | Promise<Samples<L>>,
): Gauge<L> {
  return new Gauge<L>({
    ...spec,
    registers: [registry],
    async collect() {
      const samples = await read()
      set(this, samples, (labels, value) => this.set(labels, value))
    },
  })
}
