// A binary min-heap on (at, seq): time order, and among equal times the order
// in which things were queued, so that a run never depends on heap internals.

export interface Timed {
  at: number
  seq: number
}

function before(x: Timed, y: Timed): boolean {
  return x.at < y.at || (x.at === y.at && x.seq < y.seq)
}

export class TimeHeap<T extends Timed> {
  private readonly items: T[] = []

  peek(): T | undefined {
    return this.items[0]
  }

  push(item: T): void {
    const a = this.items
    let i = a.length
    a.push(item)
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!before(item, a[parent])) break
      a[i] = a[parent]
      i = parent
    }
    a[i] = item
  }

  pop(): T | undefined {
    const a = this.items
    const top = a[0]
    const last = a.pop()
    const n = a.length
    if (n === 0 || last === undefined) return top
    let i = 0
    for (;;) {
      const left = 2 * i + 1
      if (left >= n) break
      const right = left + 1
      const child = right < n && before(a[right], a[left]) ? right : left
      if (!before(a[child], last)) break
      a[i] = a[child]
      i = child
    }
    a[i] = last
    return top
  }
}
