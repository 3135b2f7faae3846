// The frame every panel is drawn in: an optional title line and the body.
// data-panel and data-ready let the end-to-end tests (and a person with the
// inspector) see which panels have their data.
import type { ReactNode } from 'react'

export function PanelFrame({
  type,
  title,
  ready,
  className = '',
  aside,
  children,
}: {
  type: string
  title?: string | null
  ready: boolean
  className?: string
  /** Shown at the right end of the title line. */
  aside?: ReactNode
  children: ReactNode
}) {
  return (
    <div className={`panel panel--${type} ${className}`} data-panel={type} data-ready={ready ? 'true' : 'false'}>
      {title && (
        <h2 className="panel__title">
          <span>{title}</span>
          {aside && <span className="panel__aside">{aside}</span>}
        </h2>
      )}
      <div className="panel__body">{children}</div>
    </div>
  )
}

/** What a panel shows in place of data it does not have (yet): said plainly, never a blank box. */
export function PanelMessage({ children, tone = 'quiet' }: { children: ReactNode; tone?: 'quiet' | 'warn' }) {
  return <div className={`panel-message panel-message--${tone}`}>{children}</div>
}
