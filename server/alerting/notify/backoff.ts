// How long to wait before retry n (n = 1 after the first attempt): doubling
// from BACKOFF.firstMs up to BACKOFF.maxMs, each drawn between half and all
// of it, so that receivers failing together are not all retried in step.
import { BACKOFF } from './defaults.ts'

export function backoffMs(retry: number, random: () => number): number {
  const full = Math.min(BACKOFF.maxMs, BACKOFF.firstMs * BACKOFF.factor ** (retry - 1))
  return Math.round(full / 2 + (random() * full) / 2)
}
