// A horizontal ticker: the items scroll left in a loop as a CSS animation and
// are swapped for the newest ones only when a loop ends, so an update never
// makes the line jump. Items that fit stand still.
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react'

const PX_PER_SECOND = 110

export function Marquee<T>({ items, render }: { items: T[]; render: (item: T) => ReactNode }) {
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
    const width = copy.current?.offsetWidth ?? 0
    const room = box.current?.clientWidth ?? 0
    setSeconds(width > room ? Math.max(15, width / PX_PER_SECOND) : null)
  }, [shown])

  return (
    <div ref={box} className="marquee">
      <div
        className={seconds === null ? 'marquee__track' : 'marquee__track marquee__track--moving'}
        style={seconds === null ? undefined : { animationDuration: `${seconds}s` }}
        onAnimationIteration={() => setShown(latest.current)}
      >
        <div ref={copy} className="marquee__copy">
          {shown.map(render)}
        </div>
        {seconds !== null && (
          <div className="marquee__copy" aria-hidden="true">
            {shown.map(render)}
          </div>
        )}
      </div>
    </div>
  )
}
