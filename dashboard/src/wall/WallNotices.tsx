// Small notices in the wall's bottom-right corner for the people who run it:
// a layout the server refused (the last good one stays on screen) and a build
// this page could not catch up with by reloading.
import { t } from '../i18n/dictionary.ts'
import { useSnapshotStore } from '../stores/snapshot-store.ts'

/** `problem`: why the newest layout was refused, or null. */
export function WallNotices({ problem }: { problem: string | null }) {
  const build = useSnapshotStore((s) => s.buildMismatch)
  if (!problem && !build) return null
  return (
    <div className="wall-notices">
      {problem && (
        <div className="wall-notice" data-testid="layout-notice">
          ▲ {t('layout.refused', { m: problem })}
        </div>
      )}
      {build && (
        <div className="wall-notice" data-testid="build-notice">
          ▲ {t('build.mismatch', { b: build })}
        </div>
      )}
    </div>
  )
}
