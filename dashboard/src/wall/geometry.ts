// Where zones go on the wall's design canvas: each physical screen is
// SCREEN_WIDTH × SCREEN_HEIGHT design pixels, divided into the layout's cells.
import type { Layout, Rect, SCREEN_HEIGHT as LAYOUT_HEIGHT, SCREEN_WIDTH as LAYOUT_WIDTH } from '../../../schemas/layout.ts'

// The same numbers as schemas/layout.ts, typed by them so the two cannot drift;
// importing the values would pull the layout validator (ajv) into the bundle.
const SCREEN_WIDTH: typeof LAYOUT_WIDTH = 1920
const SCREEN_HEIGHT: typeof LAYOUT_HEIGHT = 1080

/** Space kept clear around every zone, so nothing touches a screen's bezel. */
export const ZONE_INSET = 8

export interface Box {
  left: number
  top: number
  width: number
  height: number
}

export const canvasSize = (layout: Layout) => ({
  width: layout.grid.cols * SCREEN_WIDTH,
  height: layout.grid.rows * SCREEN_HEIGHT,
})

export function zoneBox(rect: Rect, grid: Layout['grid']): Box {
  const cw = SCREEN_WIDTH / grid.cells_x
  const ch = SCREEN_HEIGHT / grid.cells_y
  return {
    left: Math.round(rect.x * cw) + ZONE_INSET,
    top: Math.round(rect.y * ch) + ZONE_INSET,
    width: Math.round(rect.w * cw) - 2 * ZONE_INSET,
    height: Math.round(rect.h * ch) - 2 * ZONE_INSET,
  }
}

/** A panel's place in its zone's body, as percentages (the body is the zone minus its header). */
export function panelStyle(rect: Rect | undefined, zoneRect: Rect) {
  if (!rect) return { left: '0%', top: '0%', width: '100%', height: '100%' }
  const pct = (n: number, of: number) => `${(n / of) * 100}%`
  return { left: pct(rect.x, zoneRect.w), top: pct(rect.y, zoneRect.h), width: pct(rect.w, zoneRect.w), height: pct(rect.h, zoneRect.h) }
}

/** Every physical screen's box, for what must appear once per screen (freshness alarms). */
export function screenBoxes(layout: Layout): Box[] {
  const boxes: Box[] = []
  for (let row = 0; row < layout.grid.rows; row++) {
    for (let col = 0; col < layout.grid.cols; col++) {
      boxes.push({ left: col * SCREEN_WIDTH, top: row * SCREEN_HEIGHT, width: SCREEN_WIDTH, height: SCREEN_HEIGHT })
    }
  }
  return boxes
}
