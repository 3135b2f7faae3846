// A list that scrolls slowly upwards when it is longer than its box, as a
// CSS animation (no per-frame JavaScript, no layout work while it moves). The
// items on screen are swapped for the newest ones only at the end of a loop,
// so updates never make the list jump mid-scroll; until then an item that has
// left the list (an order closed, no longer overdue) is rendered as gone at
// once, so the list never contradicts the counts above it. A list that fits
// stands still and shows updates at once.
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react'

const PX_PER_SECOND = 40

export interface ScrollingListProps<T> {
  items: T[]
  /** Identifies an item across updates. */
  keyOf: (item: T) => string
  /** Renders one item; `gone` when it is no longer among `items`. */
  render: (item: T, gone: boolean) => ReactNode
}

export function ScrollingList<T>({ items, keyOf, render }: ScrollingListProps<T>) {
  const [shown, setShown] = useState(items)
  const current = useMemo(() => new Set(items.map(keyOf)), [items, keyOf])
  const [seconds, setSeconds] = useState<number | null>(null)
  const latest = useRef(items)
  const box = useRef<HTMLDivElement>(null)
  const copy = useRef<HTMLDivElement>(null)

  useEffect(() => {
    latest.current = items
    if (seconds === null) setShown(items)
  }, [items, seconds])

  useLayoutEffect(() => {
    const height = copy.current?.offsetHeight ?? 0
    const room = box.current?.clientHeight ?? 0
    setSeconds(height > room ? Math.max(10, height / PX_PER_SECOND) : null)
  }, [shown])

  return (
    <div ref={box} className="scroll-box">
      <div
        className={seconds === null ? 'scroll-track' : 'scroll-track scroll-track--moving'}
        style={seconds === null ? undefined : { animationDuration: `${seconds}s` }}
        onAnimationIteration={() => setShown(latest.current)}
      >
        <div ref={copy} className="scroll-copy">
          {shown.map((item) => render(item, !current.has(keyOf(item))))}
        </div>
        {seconds !== null && (
          <div className="scroll-copy" aria-hidden="true">
            {shown.map((item) => render(item, !current.has(keyOf(item))))}
          </div>
        )}
      </div>
    </div>
  )
}
