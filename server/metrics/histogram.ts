// A Prometheus-style histogram: cumulative bucket counts, sum and count.
// Plain numbers, cheap enough to observe on every tick.
export class Histogram {
  readonly counts: number[]
  sum = 0
  count = 0

  constructor(readonly bounds: readonly number[]) {
    this.counts = bounds.map(() => 0)
  }

  observe(value: number): void {
    this.sum += value
    this.count += 1
    this.bounds.forEach((bound, i) => {
      if (value <= bound) this.counts[i] += 1
    })
  }
}
