// What the pipeline logs through: the app's pino logger, or a silent one in
// tests. Objects first, message second, as pino takes them.
export interface PipelineLogger {
  info(obj: object, msg: string): void
  warn(obj: object, msg: string): void
  error(obj: object, msg: string): void
}

export const silentLogger: PipelineLogger = { info: () => {}, warn: () => {}, error: () => {} }
