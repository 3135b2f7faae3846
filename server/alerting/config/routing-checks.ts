// What the schema cannot say about routes, escalation and every duration:
// receivers named must exist, a route's timing must make sense (no zero
// interval, a repeat no shorter than the group interval), escalation tiers
// come in increasing `after`, and no duration is zero where that means
// nothing or longer than a month.
import type { AlertingFile } from '../../../schemas/alerting-config.ts'
import { SEVERITIES } from '../../../schemas/alerting-config.ts'
import { parseDuration } from '../../../schemas/duration.ts'
import type { Path, Problem } from './problems.ts'

const MAX_DURATION_MS = 30 * 86_400_000
const LABEL = /^[a-z_][a-z0-9_]*$/

/** Every duration of the file with its path, and whether zero is meaningless for it. */
function durations(file: AlertingFile): Array<{ path: Path; text: string; positive: boolean }> {
  const out: Array<{ path: Path; text: string; positive: boolean }> = []
  const add = (path: Path, text: string | undefined, positive = false) => text !== undefined && out.push({ path, text, positive })
  file.rules.forEach((r, i) => {
    add(['rules', i, 'for'], r.for)
    add(['rules', i, 'keep_firing_for'], r.keep_firing_for)
  })
  ;(file.routes ?? []).forEach((r, i) => {
    add(['routes', i, 'group_wait'], r.group_wait)
    add(['routes', i, 'group_interval'], r.group_interval, true)
    add(['routes', i, 'repeat_interval'], r.repeat_interval, true)
  })
  file.escalation?.tiers.forEach((t, i) => add(['escalation', 'tiers', i, 'after'], t.after))
  add(['escalation', 'remind_every'], file.escalation?.remind_every, true)
  return out
}

function durationProblems(file: AlertingFile): Problem[] {
  return durations(file).flatMap(({ path, text, positive }): Problem[] => {
    // The schema's pattern has made sure it parses.
    const ms = parseDuration(text)
    if (positive && ms === 0) return [{ path, message: 'must be longer than 0' }]
    if (ms > MAX_DURATION_MS) return [{ path, message: `${text} is longer than 30 days` }]
    return []
  })
}

function missingReceivers(ids: string[], known: Set<string>, at: Path): Problem[] {
  return ids.flatMap((id, j) => (known.has(id) ? [] : [{ path: [...at, j], message: `no receiver ${JSON.stringify(id)}; the receivers are ${[...known].join(', ') || 'none'}` }]))
}

export function routingProblems(file: AlertingFile): Problem[] {
  const problems = durationProblems(file)
  const known = new Set((file.receivers ?? []).map((r) => r.id))
  ;(file.routes ?? []).forEach((route, i) => {
    const at = ['routes', i]
    problems.push(...missingReceivers(route.receivers, known, [...at, 'receivers']))
    for (const [key, value] of Object.entries(route.match)) {
      if (!LABEL.test(key)) problems.push({ path: [...at, 'match', key], message: 'is not a label name (lower-case letters, digits and _)' })
      else if (key === 'severity' && !(SEVERITIES as readonly string[]).includes(value)) {
        problems.push({ path: [...at, 'match', key], message: `must be one of ${SEVERITIES.join(', ')}, got ${JSON.stringify(value)}` })
      }
    }
    ;(route.group_by ?? []).forEach((label, j) => {
      if (label !== '...' && !LABEL.test(label)) problems.push({ path: [...at, 'group_by', j], message: `${JSON.stringify(label)} is not a label name ("..." groups by every label)` })
    })
    if (route.group_interval && route.repeat_interval && parseDuration(route.repeat_interval) < parseDuration(route.group_interval)) {
      problems.push({ path: [...at, 'repeat_interval'], message: `${route.repeat_interval} is shorter than group_interval ${route.group_interval}: a repeat is only sent at a group interval` })
    }
  })
  const escalation = file.escalation
  if (escalation) {
    let previous = -1
    escalation.tiers.forEach((tier, i) => {
      const at = ['escalation', 'tiers', i]
      problems.push(...missingReceivers(tier.notify, known, [...at, 'notify']))
      const after = parseDuration(tier.after)
      if (after <= previous) {
        problems.push({ path: [...at, 'after'], message: `${tier.after} is not after the tier before (${escalation.tiers[i - 1].after}): tiers come in increasing after` })
      }
      previous = after
    })
    const severities = escalation.severities ?? []
    if (new Set(severities).size !== severities.length) problems.push({ path: ['escalation', 'severities'], message: 'names a severity twice' })
  }
  return problems
}
