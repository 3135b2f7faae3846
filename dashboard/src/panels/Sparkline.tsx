// A small line of recent values, drawn as plain SVG: a dozen tiles each with
// an ECharts instance would cost far more than a polyline, and a vector line
// stays sharp at any wall scale.
import { memo } from 'react'

export const Sparkline = memo(function Sparkline({ values, tone }: { values: Array<number | null>; tone: string }) {
  const known = values.filter((v): v is number => v !== null)
  if (known.length < 2) return <svg className="sparkline" aria-hidden="true" />
  const min = Math.min(...known)
  const max = Math.max(...known)
  const span = max - min || 1
  const step = 100 / (values.length - 1)
  // Gaps (null) break the line rather than dropping to zero.
  const segments: string[] = []
  let current: string[] = []
  values.forEach((v, i) => {
    if (v === null) {
      if (current.length > 1) segments.push(current.join(' '))
      current = []
      return
    }
    current.push(`${(i * step).toFixed(2)},${(28 - ((v - min) / span) * 26).toFixed(2)}`)
  })
  if (current.length > 1) segments.push(current.join(' '))
  return (
    <svg className={`sparkline sparkline--${tone}`} viewBox="0 0 100 30" preserveAspectRatio="none" aria-hidden="true">
      {segments.map((points, i) => (
        <polyline key={i} points={points} vectorEffect="non-scaling-stroke" />
      ))}
    </svg>
  )
})
