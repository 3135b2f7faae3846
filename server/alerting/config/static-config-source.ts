// An AlertingConfigSource held in memory: what the engine's tests hand it
// (the app reads the file and the admins' edits: config-service.ts). `set`
// applies a new configuration as a reload would.
import type { Rule } from '../../../schemas/alerting-config.ts'
import type { AlertingConfig, AlertingConfigSource } from './config-source.ts'

export class StaticConfigSource implements AlertingConfigSource {
  private config: AlertingConfig
  private readonly listeners: Array<(config: AlertingConfig) => void> = []

  constructor(rules: Rule[], origin = 'in memory') {
    this.config = { rules, receivers: [], routes: [], escalation: null, roster: null, origin }
  }

  current(): AlertingConfig {
    return this.config
  }

  onChange(listener: (config: AlertingConfig) => void): void {
    this.listeners.push(listener)
  }

  set(rules: Rule[]): void {
    this.config = { ...this.config, rules }
    for (const listener of this.listeners) listener(this.config)
  }
}
