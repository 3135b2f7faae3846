// Secrets stay out of the configuration file: a receiver's string fields may
// say `${NAME}`, read from the environment when the receiver is built. A
// variable that is not set stops the build with the receiver's id and the
// variable's name; the value never appears in an error.
import type { Receiver } from '../../../../schemas/alerting-config.ts'

export class ReceiverConfigError extends Error {
  override name = 'ReceiverConfigError'
}

const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g

function expandValue(value: unknown, receiverId: string, env: Record<string, string | undefined>): unknown {
  if (typeof value === 'string') {
    return value.replace(REFERENCE, (_whole, name: string) => {
      const found = env[name]
      if (found === undefined || found === '') throw new ReceiverConfigError(`receiver "${receiverId}": environment variable ${name} is not set`)
      return found
    })
  }
  if (Array.isArray(value)) return value.map((v) => expandValue(v, receiverId, env))
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expandValue(v, receiverId, env)]))
  }
  return value
}

/** The receiver with every ${NAME} in its strings replaced by the environment's value. */
export function expandReceiver<R extends Receiver>(receiver: R, env: Record<string, string | undefined> = process.env): R {
  return expandValue(receiver, receiver.id, env) as R
}
