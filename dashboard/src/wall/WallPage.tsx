// The wall: the layout's zones on the fitted design canvas, the per-screen
// freshness alarms over them, and the operator notices. Before the first
// layout arrives it says what it is waiting for, and why when it cannot get it.
// `heartbeat`: this wall is a paired display, which reports its health.
import { useLayoutEffect } from 'react'
import { t } from '../i18n/dictionary.ts'
import { useFreshness } from '../live/freshness.ts'
import { committed } from '../live/render-timing.ts'
import { retryWithoutLayoutMs, useWallLayout } from '../queries/layout-query.ts'
import { useSnapshotStore } from '../stores/snapshot-store.ts'
import { FitCanvas } from './FitCanvas.tsx'
import { canvasSize } from './geometry.ts'
import { ScreenAlarms } from './ScreenAlarms.tsx'
import { useAlertTone } from './useAlertTone.ts'
import { useWallMachinery } from './useWallMachinery.ts'
import type { WallParams } from './wall-params.ts'
import { WallNotices } from './WallNotices.tsx'
import { ZoneView } from './ZoneView.tsx'

// Rendered last, so its layout effect runs after every panel has committed the same tick.
function RenderProbe() {
  const tick = useSnapshotStore((s) => s.snapshot?.tick)
  useLayoutEffect(() => {
    if (tick !== undefined) committed(tick)
  }, [tick])
  return null
}

function Waiting({ params, problem }: { params: WallParams; problem: string | null }) {
  return (
    <div className="wall-waiting" data-testid="layout-waiting">
      <div className="wall-waiting__title">{problem ? t('layout.unavailable', { m: problem }) : t('layout.waiting', { n: params.layout })}</div>
      {problem && <div className="wall-waiting__detail">{t('layout.retry', { n: retryWithoutLayoutMs(params.refreshMs) / 1000 })}</div>}
    </div>
  )
}

export function WallPage({ params, heartbeat }: { params: WallParams; heartbeat: boolean }) {
  useWallMachinery(params.layout, heartbeat)
  const { layout, problem } = useWallLayout(params.layout, params.refreshMs)
  const freshness = useFreshness().state
  const tone = useAlertTone(layout?.alert_tone, params.muted)
  if (!layout) return <Waiting params={params} problem={problem} />
  const size = canvasSize(layout)
  return (
    <FitCanvas width={size.width} height={size.height}>
      <div className={`wall wall--${freshness}`} data-freshness={freshness} data-layout-cols={layout.grid.cols} data-layout-rows={layout.grid.rows} data-tone={tone.state} data-tone-plays={tone.plays}>
        {layout.zones.map((zone) => (
          <ZoneView key={zone.id} zone={zone} grid={layout.grid} />
        ))}
        <ScreenAlarms layout={layout} />
        <WallNotices problem={problem} />
      </div>
      <RenderProbe />
    </FitCanvas>
  )
}
