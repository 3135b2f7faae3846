// What the schema cannot say about receivers: ids unique, every ${VAR} set
// (naming the receiver and the variable, never a value), a URL that is still
// an http(s) URL once expanded, people "on duty" only when a roster says who
// that is, and robots kept under the rate their vendor enforces.
import type { Env } from '../../../core/env.ts'
import type { AlertingFile, Receiver } from '../../../schemas/alerting-config.ts'
import { envRefs, expandRefs, isSet, stringsOf } from './env-refs.ts'
import type { Problem } from './problems.ts'
import { VENDOR_RATE_LIMITS } from './rule-defaults.ts'


function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text)
    return url.protocol === 'http:' || url.protocol === 'https:'
  } catch {
    return false
  }
}

function recipientsOf(receiver: Receiver): { field: 'to' | 'mention'; list: string[] } | null {
  if ('to' in receiver) return { field: 'to', list: receiver.to }
  if ('mention' in receiver && receiver.mention) return { field: 'mention', list: receiver.mention }
  return null
}

export function receiverProblems(file: AlertingFile, env: Env): Problem[] {
  const problems: Problem[] = []
  const seen = new Map<string, number>()
  ;(file.receivers ?? []).forEach((receiver, i) => {
    const at = ['receivers', i]
    const first = seen.get(receiver.id)
    if (first !== undefined) problems.push({ path: [...at, 'id'], message: `the id ${receiver.id} is already used by receivers[${first}]; ids must be unique` })
    else seen.set(receiver.id, i)

    for (const { path, text } of stringsOf(receiver)) {
      const unset = envRefs(text).filter((name) => !isSet(env, name))
      for (const name of unset) problems.push({ path: [...at, ...path], message: `refers to \${${name}}, which is not set in the environment` })
      const field = path.at(-1)
      if (unset.length === 0 && (field === 'url' || field === 'api_base') && envRefs(text).length > 0 && !isHttpUrl(expandRefs(text, env))) {
        problems.push({ path: [...at, ...path], message: `is not an http(s) URL once \${${envRefs(text).join('}, ${')}} is expanded` })
      }
    }

    const recipients = recipientsOf(receiver)
    for (const who of recipients?.list ?? []) {
      const path = [...at, recipients!.field]
      if ((who === 'officers_on_duty' || who === 'lead_on_duty') && !file.roster) problems.push({ path, message: `names ${who}, but there is no roster to say who is on duty` })
      if (who === 'director' && !file.roster?.director) problems.push({ path, message: 'names director, but the roster names no director' })
    }

    const vendorRate = VENDOR_RATE_LIMITS[receiver.type]
    if (vendorRate !== undefined && receiver.rate_limit_per_minute !== undefined && receiver.rate_limit_per_minute > vendorRate) {
      problems.push({ path: [...at, 'rate_limit_per_minute'], message: `a ${receiver.type} accepts at most ${vendorRate} messages a minute; beyond that it refuses them` })
    }
    if (receiver.type === 'email' && !/^[^@\s]+@[^@\s]+$/.test(receiver.from.replace(/^.*<(.+)>$/, '$1'))) {
      problems.push({ path: [...at, 'from'], message: 'must be an address such as alerts@example.com or "Alerts <alerts@example.com>"' })
    }
  })
  return problems
}
