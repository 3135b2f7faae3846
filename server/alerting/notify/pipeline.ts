// The notification pipeline, stage by stage (docs/alerting/pipeline.md):
// route → group (wait, interval) → mute (silenced, inhibited) → dedup against
// the notification log → rate limit (digest) → send with retries → record;
// and beside it, escalation of what stays unacknowledged, through the same
// rate limit, sender and record. It reads the alerts from the engine's feed
// and the configuration given to it; a new configuration rebuilds routes,
// groups, receivers and escalation without forgetting what was sent.
import type { StoreQueryable } from '../../../core/store/store.ts'
import type { AlertingConfig } from '../config/config-source.ts'
import type { AlertChange, AlertFeed, Escalator } from '../alert-feed.ts'
import { RecipientResolver, type PushSubscriptionsOf } from '../roster/recipients.ts'
import { AggregationGroups } from './aggregation-groups.ts'
import { collectDeliveries } from './deliveries-store.ts'
import { RETENTION } from './defaults.ts'
import { Escalation } from './escalation.ts'
import { idempotencyKey } from './idempotency-key.ts'
import { flushGroup } from './group-flush.ts'
import { InFlight } from './in-flight.ts'
import type { Notice } from './notifier.ts'
import type { Outgoing } from './outgoing.ts'
import { NotificationLog } from './notification-log.ts'
import { Outbox } from './outbox.ts'
import { silentLogger, type PipelineLogger } from './pipeline-logger.ts'
import { Receivers, type CreateNotifier } from './receivers.ts'
import { compileRoutes } from './routes.ts'
import type { Scheduler, Timer } from './scheduler.ts'
import { addressees, Sender } from './sender.ts'

export interface PipelineOptions {
  store: StoreQueryable
  feed: AlertFeed
  /** The channels' factory: one notifier per receiver. */
  createNotifier: CreateNotifier
  scheduler: Scheduler
  /** The center's time zone, for the roster's shifts. */
  timeZone: string
  /** Links in messages point here (PUBLIC_URL); relative when absent. */
  publicUrl?: URL
  /** For the retries' jitter; Math.random unless a test fixes it. */
  random?: () => number
  logger?: PipelineLogger
  /** The browsers of each person, for web_push receivers. */
  pushOf?: PushSubscriptionsOf
}

/** How long a notice's send is retried. */
const NOTICE_RETRY_MS = 30 * 60_000

/** Changes that put an alert into (or back into) its groups; the others are read from the feed at flush time. */
const ROUTED = new Set<AlertChange['kind']>(['firing', 'reopened', 'resolved'])

export class NotificationPipeline {
  readonly escalator: Escalator
  private readonly inFlight = new InFlight()
  private readonly log = new NotificationLog()
  private readonly receivers: Receivers
  private readonly sender: Sender
  private readonly outbox: Outbox
  private readonly groups: AggregationGroups
  private readonly escalation: Escalation
  private readonly logger: PipelineLogger
  private config: AlertingConfig
  private collector: Timer | null = null
  private started = false
  private stopped = false

  constructor(
    private readonly opts: PipelineOptions,
    config: AlertingConfig,
  ) {
    const { store, feed, scheduler } = opts
    this.config = config
    this.logger = opts.logger ?? silentLogger
    const logger = this.logger
    const inFlight = this.inFlight
    const roster = new RecipientResolver({ store, roster: () => this.config.roster, timeZone: opts.timeZone, pushOf: opts.pushOf })
    this.receivers = new Receivers(opts.createNotifier)
    this.sender = new Sender({
      store,
      scheduler,
      inFlight,
      log: this.log,
      notifier: (id) => this.receivers.notifier(id),
      recipients: async (receiver, at) => {
        const spec = addressees(receiver)
        return spec ? roster.resolve(spec, at) : []
      },
      publicUrl: opts.publicUrl,
      random: opts.random ?? Math.random,
      logger,
      settled: (o) => this.outbox.settled(o),
    })
    this.outbox = new Outbox({ store, scheduler, inFlight, log: this.log, sender: this.sender, logger })
    this.groups = new AggregationGroups({
      scheduler,
      inFlight,
      logger,
      flush: (group, now) => flushGroup(group, now, { feed, log: this.log, receivers: this.receivers, outbox: this.outbox }),
    })
    this.escalation = new Escalation({ feed, scheduler, inFlight, outbox: this.outbox, receivers: this.receivers, logger })
    this.escalator = this.escalation
  }

  /** Reads the notification log, then takes the feed's alerts as they are and follows its changes. */
  async start(): Promise<void> {
    await this.log.load(this.opts.store)
    if (this.stopped) return
    this.started = true
    this.apply(this.config)
    this.opts.feed.onChange((change) => this.changed(change))
    this.collectLater()
  }

  /** A new configuration: routes, groups, receivers and escalation rebuilt; the log, timers of surviving groups and messages under way kept. Before start, only kept: no group may flush before the log is read. */
  reconfigure(config: AlertingConfig): void {
    this.config = config
    if (this.started && !this.stopped) this.apply(config)
  }

  /**
   * Sends a notice (a bulletin's summary) to the receivers of every route
   * whose match names its kind and whose other matchers its labels satisfy:
   * a route without `kind` never takes one, so a catch-all route stays for
   * alerts. Each receiver gets it once, under a key of the notice's own (a
   * key recorded as sent is not sent again, by this process or the next),
   * with the retries and the record of an alert's message. Returns the
   * receivers it goes to.
   */
  async notify(notice: Notice): Promise<string[]> {
    if (!this.started || this.stopped) throw new Error('the notification pipeline is not running')
    const taken = this.config.routes.filter((r) => r.match.kind === notice.labels.kind && Object.entries(r.match).every(([name, value]) => notice.labels[name] === value))
    const ids = [...new Set(taken.flatMap((r) => r.receivers))].filter((id) => this.receivers.receiver(id) !== undefined)
    const deadline = this.opts.scheduler.now() + NOTICE_RETRY_MS
    const items = ids.map((id): Outgoing => ({
      receiver: this.receivers.receiver(id)!,
      slot: `notice:${notice.key}`,
      key: idempotencyKey({ receiverId: id, subject: notice.key, reason: 'notice', alerts: [], after: null }),
      reason: 'notice',
      groupLabels: notice.labels,
      firing: [],
      resolved: [],
      log: [],
      deadline,
      notice,
    }))
    await this.inFlight.run(() => this.outbox.submit(items))
    return ids
  }

  /** Stops every timer, aborts sends under way and waits for what is running to finish. */
  async stop(): Promise<void> {
    this.stopped = true
    this.collector?.cancel()
    this.groups.stop()
    this.escalation.stop()
    this.outbox.stop()
    this.sender.stop()
    await this.inFlight.idle()
  }

  /** Nothing running now (timers may be waiting): for tests on a virtual clock. */
  get busy(): boolean {
    return this.inFlight.busy
  }

  idle(): Promise<void> {
    return this.inFlight.idle()
  }

  private apply(config: AlertingConfig): void {
    const known = new Set(config.receivers.map((r) => r.id))
    for (const route of config.routes) {
      const unknown = route.receivers.filter((id) => !known.has(id))
      if (unknown.length > 0) this.logger.warn({ match: route.match, unknown }, 'a route names receivers that are not configured; they are skipped')
    }
    this.receivers.configure(config.receivers)
    this.outbox.configure(new Map(config.receivers.map((r) => [r.id, r])))
    this.groups.configure(compileRoutes(config.routes), this.opts.feed.current())
    this.escalation.configure(config.escalation)
  }

  private changed(change: AlertChange): void {
    if (this.stopped) return
    if (ROUTED.has(change.kind)) this.groups.add(change.alert)
    this.escalation.changed(change.alert)
  }

  private collectLater(): void {
    const { scheduler, store } = this.opts
    this.collector = scheduler.at(scheduler.now() + RETENTION.collectEveryMs, () => {
      void this.inFlight.run(async () => {
        const now = scheduler.now()
        try {
          await this.log.collect(store, now - RETENTION.logMs, (key) => this.groups.has(key))
          await collectDeliveries(store, now - RETENTION.deliveriesMs)
        } catch (err) {
          this.logger.error({ err }, 'notification log not collected')
        }
      })
      if (!this.stopped) this.collectLater()
    })
  }
}
