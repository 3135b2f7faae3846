// How the server runs the notification pipeline: on real timers against the
// app's clock, following the configuration source (a reload or an admin's
// edit rebuilds routes, groups, receivers and escalation without forgetting
// what was sent), stopped with the app. The engine's feed and the channels'
// factory are given by whoever builds the app.
import type { StoreQueryable } from '../../../core/store/store.ts'
import type { AlertFeed } from '../alert-feed.ts'
import type { AlertingConfigSource } from '../config/config-source.ts'
import { NotificationPipeline } from './pipeline.ts'
import type { PipelineLogger } from './pipeline-logger.ts'
import type { CreateNotifier } from './receivers.ts'
import { realScheduler } from './scheduler.ts'

export interface StartPipelineOptions {
  store: StoreQueryable
  feed: AlertFeed
  config: AlertingConfigSource
  createNotifier: CreateNotifier
  now: () => Date
  timeZone: string
  publicUrl: URL | undefined
  logger: PipelineLogger
}

/** A started pipeline (its notification log read); call stop() when the app closes. */
export async function startNotificationPipeline(opts: StartPipelineOptions): Promise<NotificationPipeline> {
  const { config, ...rest } = opts
  const pipeline = new NotificationPipeline({ ...rest, scheduler: realScheduler(opts.now) }, config.current())
  config.onChange((next) => pipeline.reconfigure(next))
  await pipeline.start()
  return pipeline
}
