// Seeded randomness. Everything the simulator draws goes through these
// generators so that a seed reproduces a run exactly, event ids included.

const HEX_CODES: readonly number[] = Array.from('0123456789abcdef', (ch) => ch.charCodeAt(0))
const DASH = 45 // '-'
const FOUR = 52 // '4': the version nibble
const TWO_32 = 4294967296

// murmur3's finaliser: spreads every input bit over the whole word, so that
// neighbouring seeds give unrelated streams.
function fmix(h: number): number {
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

/** A 32-bit seed from any numbers (e.g. seed, stream number, a time in ms). */
export function mixSeed(...parts: number[]): number {
  let h = 0x2545f491
  for (const part of parts) {
    h = fmix(h ^ (part % TWO_32 >>> 0))
    h = fmix(h ^ (Math.floor(part / TWO_32) >>> 0))
  }
  return h
}

/** mulberry32 with the distributions the simulator needs. */
export class Rng {
  private state: number
  private spare = 0
  private hasSpare = false

  constructor(seed: number) {
    this.state = seed >>> 0
  }

  uint32(): number {
    this.state = (this.state + 0x6d2b79f5) | 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return (t ^ (t >>> 14)) >>> 0
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / TWO_32
  }

  chance(p: number): boolean {
    return this.next() < p
  }

  uniform(min: number, max: number): number {
    return min + (max - min) * this.next()
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n)
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]
  }

  /** Standard normal (Box–Muller; the second value of each pair is kept for the next call). */
  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false
      return this.spare
    }
    const u = 1 - this.next()
    const v = this.next()
    const r = Math.sqrt(-2 * Math.log(u))
    this.spare = r * Math.sin(2 * Math.PI * v)
    this.hasSpare = true
    return r * Math.cos(2 * Math.PI * v)
  }

  /** Log-normal given its median and the sigma of its logarithm: durations are skewed like this. */
  lognormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal())
  }

  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next())
  }

  poisson(mean: number): number {
    if (mean <= 0) return 0
    // Knuth's product method costs O(mean) draws; large means are normal enough.
    if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()))
    const limit = Math.exp(-mean)
    let k = 0
    let p = this.next()
    while (p > limit) {
      k++
      p *= this.next()
    }
    return k
  }

  /** An RFC 4122 version 4 UUID made of this generator's bits. */
  uuid(): string {
    const a = this.uint32()
    const b = this.uint32()
    const c = this.uint32()
    const d = this.uint32()
    const h = HEX_CODES
    // One flat string from char codes: concatenating 20 pieces would leave a
    // tree of 19 intermediate strings per event for the garbage collector.
    return String.fromCharCode(
      h[a >>> 28], h[(a >>> 24) & 15], h[(a >>> 20) & 15], h[(a >>> 16) & 15],
      h[(a >>> 12) & 15], h[(a >>> 8) & 15], h[(a >>> 4) & 15], h[a & 15], DASH,
      h[b >>> 28], h[(b >>> 24) & 15], h[(b >>> 20) & 15], h[(b >>> 16) & 15], DASH,
      FOUR, h[(b >>> 8) & 15], h[(b >>> 4) & 15], h[b & 15], DASH,
      h[8 | ((c >>> 28) & 3)], h[(c >>> 24) & 15], h[(c >>> 20) & 15], h[(c >>> 16) & 15], DASH,
      h[(c >>> 12) & 15], h[(c >>> 8) & 15], h[(c >>> 4) & 15], h[c & 15],
      h[d >>> 28], h[(d >>> 24) & 15], h[(d >>> 20) & 15], h[(d >>> 16) & 15],
      h[(d >>> 12) & 15], h[(d >>> 8) & 15], h[(d >>> 4) & 15], h[d & 15],
    )
  }
}

/** Picks values in proportion to fixed weights. */
export class WeightedTable<T> {
  private readonly values: T[] = []
  private readonly cumulative: number[] = []
  private readonly total: number

  constructor(entries: Iterable<readonly [T, number]>) {
    let sum = 0
    for (const [value, weight] of entries) {
      if (!(weight > 0)) continue
      sum += weight
      this.values.push(value)
      this.cumulative.push(sum)
    }
    if (this.values.length === 0) throw new Error('WeightedTable needs at least one positive weight')
    this.total = sum
  }

  pick(rng: Rng): T {
    const x = rng.next() * this.total
    const c = this.cumulative
    let lo = 0
    let hi = c.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (c[mid] > x) hi = mid
      else lo = mid + 1
    }
    return this.values[lo]
  }
}
