// The alerting configuration in force: what ALERTING_FILE (or the built-in
// default set) says, with the administrators' edits through the API laid
// over it (kept in the store, audited). The engine and the notification
// pipeline read it from here and are told when it changes; a change never
// forgets a firing alert, restarts its clocks or sends again what was sent.
import type { AlertingFile, Escalation, Receiver, Roster, Route, Rule } from '../../../schemas/alerting-config.ts'

export interface AlertingConfig {
  rules: Rule[]
  /** As written: `${VAR}` references are checked to be set, and expanded by the channel that builds the receiver. */
  receivers: Receiver[]
  routes: Route[]
  escalation: Escalation | null
  roster: Roster | null
  /** Where it came from, for the log and /admin: the file's path or "built-in defaults", and the number of API edits over it. */
  origin: string
}

export interface AlertingConfigSource {
  current(): AlertingConfig
  /** Called after every change that took effect (a reload of the file, an edit); not for one refused. */
  onChange(listener: (config: AlertingConfig) => void): void
}

export type { AlertingFile }
