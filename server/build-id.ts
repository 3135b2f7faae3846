// The dashboard build id, from `${DASHBOARD_DIST}/build.json` ({"build":"..."}),
// or 'dev' when there is none. Every snapshot carries it, and a screen that
// sees it change reloads itself; so a rebuild while the server runs is picked
// up by re-reading the file when its modification time changes.
import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

export const DEV_BUILD = 'dev'

export class BuildId {
  private readonly file: string
  private mtimeMs = -1
  private value = DEV_BUILD

  constructor(dashboardDist: string) {
    this.file = join(dashboardDist, 'build.json')
  }

  current(): string {
    let mtimeMs: number
    try {
      mtimeMs = statSync(this.file).mtimeMs
    } catch {
      this.mtimeMs = -1
      this.value = DEV_BUILD
      return this.value
    }
    if (mtimeMs !== this.mtimeMs) {
      const build = readBuild(this.file)
      // Unreadable (half-written by a build in progress): read it again next time.
      this.mtimeMs = build === undefined ? -1 : mtimeMs
      this.value = build ?? DEV_BUILD
    }
    return this.value
  }
}

function readBuild(file: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'))
    const build = (parsed as { build?: unknown }).build
    return typeof build === 'string' && build.length > 0 ? build : undefined
  } catch {
    return undefined
  }
}
