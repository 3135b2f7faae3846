// The last good layout of each name, kept in localStorage, so a wall that
// reloads while its layout file is broken (or the server is down) comes back
// with what it showed before instead of an empty screen.
import type { Layout } from '../../../schemas/layout.ts'

const keyOf = (name: string) => `wall-layout:${name}`

export function rememberedLayout(name: string): Layout | undefined {
  try {
    const text = window.localStorage.getItem(keyOf(name))
    return text ? (JSON.parse(text) as Layout) : undefined
  } catch {
    return undefined
  }
}

export function rememberLayout(name: string, layout: Layout): void {
  try {
    window.localStorage.setItem(keyOf(name), JSON.stringify(layout))
  } catch {
    // A full or disabled storage only loses the fallback, not the wall.
  }
}
