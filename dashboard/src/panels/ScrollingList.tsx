// A list that scrolls slowly upwards when it is longer than its box, as a
// CSS animation (no per-frame JavaScript, no layout work while it moves). The
// items on screen are swapped for the newest ones only at the end of a loop,
// so updates never make the list jump mid-scroll. A list that fits stands still
// and shows updates at once.
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react'

const PX_PER_SECOND = 40

export function ScrollingList<T>({ items, render }: { items: T[]; render: (item: T) => ReactNode }) {
  const [shown, setShown] = useState(items)
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
          {shown.map(render)}
        </div>
        {seconds !== null && (
          <div className="scroll-copy" aria-hidden="true">
            {shown.map(render)}
          </div>
        )}
      </div>
    </div>
  )
}
