// The alarm ticker's line and the work-order list's rows. Items that do not
// fit their box move in a CSS animation loop (no per-frame JavaScript), drawn
// twice back to back so the loop is seamless, and are swapped for the newest
// ones only when a loop ends, so an update never makes them jump; items that
// fit stand still and update at once. Until the swap, an item that has left
// the latest list (an alarm cleared, an order closed) is rendered as `gone`,
// so the panel marks it at once instead of showing it as current.
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react'

export interface LoopMotion {
  axis: 'x' | 'y'
  pxPerSecond: number
  /** A short loop still takes this long, so it stays readable. */
  minSeconds: number
}

function useLoopingItems<T>(items: T[], keyOf: (item: T) => string, motion: LoopMotion) {
  const [shown, setShown] = useState(items)
  const [seconds, setSeconds] = useState<number | null>(null)
  const latest = useRef(items)
  const box = useRef<HTMLDivElement>(null)
  const copy = useRef<HTMLDivElement>(null)
  const current = useMemo(() => new Set(items.map(keyOf)), [items, keyOf])

  useEffect(() => {
    latest.current = items
    if (seconds === null) setShown(items)
  }, [items, seconds])

  const { axis, pxPerSecond, minSeconds } = motion
  useLayoutEffect(() => {
    const length = (axis === 'x' ? copy.current?.offsetWidth : copy.current?.offsetHeight) ?? 0
    const room = (axis === 'x' ? box.current?.clientWidth : box.current?.clientHeight) ?? 0
    setSeconds(length > room ? Math.max(minSeconds, length / pxPerSecond) : null)
  }, [shown, axis, pxPerSecond, minSeconds])

  return {
    shown,
    /** Loop duration, or null when everything fits and nothing moves. */
    seconds,
    box,
    copy,
    /** For onAnimationIteration: a loop ended, show the newest items. */
    loopEnded: () => setShown(latest.current),
    gone: (item: T) => !current.has(keyOf(item)),
  }
}

export interface LoopStyle {
  motion: LoopMotion
  /** Class names of the box, the moving track (`--moving` added while it moves) and each copy. */
  box: string
  track: string
  copy: string
}

export const TICKER: LoopStyle = { motion: { axis: 'x', pxPerSecond: 110, minSeconds: 15 }, box: 'marquee', track: 'marquee__track', copy: 'marquee__copy' }
export const SCROLLING_LIST: LoopStyle = { motion: { axis: 'y', pxPerSecond: 40, minSeconds: 10 }, box: 'scroll-box', track: 'scroll-track', copy: 'scroll-copy' }

export interface LoopingItemsProps<T> {
  look: LoopStyle
  items: T[]
  /** Identifies an item across updates. */
  keyOf: (item: T) => string
  /** Renders one item; `gone` when it is no longer among `items`. */
  render: (item: T, gone: boolean) => ReactNode
}

export function LoopingItems<T>({ look, items, keyOf, render }: LoopingItemsProps<T>) {
  const loop = useLoopingItems(items, keyOf, look.motion)
  const drawn = loop.shown.map((item) => render(item, loop.gone(item)))
  return (
    <div ref={loop.box} className={look.box}>
      <div
        className={loop.seconds === null ? look.track : `${look.track} ${look.track}--moving`}
        style={loop.seconds === null ? undefined : { animationDuration: `${loop.seconds}s` }}
        onAnimationIteration={loop.loopEnded}
      >
        <div ref={loop.copy} className={look.copy}>
          {drawn}
        </div>
        {loop.seconds !== null && (
          <div className={look.copy} aria-hidden="true">
            {drawn}
          </div>
        )}
      </div>
    </div>
  )
}
