// The wall is one fixed design canvas (screens × 1920 by screens × 1080 px)
// scaled with a CSS transform to fit the viewport, centred, with black bars
// where the aspect ratio differs. Scaling the whole canvas keeps every
// proportion of the design; text and the SVG charts are drawn at the final
// size, so they stay sharp.
import { useEffect, useState, type ReactNode } from 'react'

const viewport = () => ({ width: window.innerWidth, height: window.innerHeight })

export function FitCanvas({ width, height, children }: { width: number; height: number; children: ReactNode }) {
  const [view, setView] = useState(viewport)
  useEffect(() => {
    const resized = () => setView(viewport())
    window.addEventListener('resize', resized)
    return () => window.removeEventListener('resize', resized)
  }, [])
  const scale = Math.min(view.width / width, view.height / height)
  // Whole-pixel offsets: a half-pixel translate would blur every edge.
  const left = Math.round((view.width - width * scale) / 2)
  const top = Math.round((view.height - height * scale) / 2)
  return (
    <div className="wall-viewport">
      <div
        className="wall-canvas"
        data-scale={scale.toFixed(4)}
        style={{ width, height, transform: `translate(${left}px, ${top}px) scale(${scale})` }}
      >
        {children}
      </div>
    </div>
  )
}
