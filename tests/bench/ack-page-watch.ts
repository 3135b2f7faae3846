// What the acknowledgement benchmark watches in a real page: when an
// element first matches a selector and holds given words, noted in the page
// itself (a MutationObserver, on the same system clock as the benchmark),
// and the animation frame after it, the one that paints it. Polling only
// collects the times; it does not make them.
import type { Page } from 'playwright-core'

/** Epoch ms: when the DOM first had it, and the next animation frame. */
export interface PageSeen {
  dom: number
  frame: number
}

interface Watch {
  pending: Map<string, string[]>
  seen: Record<string, PageSeen>
}

/** Installs the observer in the page (once per page load). */
export async function watchAck(page: Page): Promise<void> {
  // No named function inside: tsx would wrap it in a helper the page does not have.
  await page.evaluate(() => {
    const w: Watch & { check?: () => void } = { pending: new Map(), seen: {} }
    ;(window as unknown as { __ackWatch: Watch }).__ackWatch = w
    w.check = () => {
      for (const [selector, words] of w.pending) {
        const text = document.querySelector(selector)?.textContent
        if (text === undefined || text === null || !words.every((word) => text.includes(word))) continue
        w.pending.delete(selector)
        const dom = Date.now()
        requestAnimationFrame(() => (w.seen[selector] = { dom, frame: Date.now() }))
      }
    }
    new MutationObserver(() => w.check?.()).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['data-state'] })
  })
}

/**
 * Starts looking for `selector` holding every one of `words` (resolved once
 * the page has it registered); the function returned waits for the times.
 */
export async function watchFor(page: Page, selector: string, words: string[], timeoutMs: number): Promise<() => Promise<PageSeen>> {
  await page.evaluate(
    ([s, ws]) => {
      const w = (window as unknown as { __ackWatch: Watch & { check: () => void } }).__ackWatch
      w.pending.set(s, ws)
      w.check()
    },
    [selector, words] as const,
  )
  return async () => {
    const handle = await page.waitForFunction((s) => (window as unknown as { __ackWatch: Watch }).__ackWatch.seen[s] ?? null, selector, { timeout: timeoutMs, polling: 100 })
    return (await handle.jsonValue()) as PageSeen
  }
}

/**
 * When the page's socket received each alert's acknowledgement (epoch ms by
 * alert id), from the browser's DevTools events: noted here, so a little
 * after the page had the frame. Attach before the page opens its socket.
 */
export function socketArrivals(page: Page): Map<string, number> {
  const arrived = new Map<string, number>()
  page.on('websocket', (ws) =>
    ws.on('framereceived', ({ payload }) => {
      // 42["alert",{"alert":{"id":"…",…},"kind":"acknowledged",…}]: the first id is the alert's.
      if (typeof payload !== 'string' || !payload.startsWith('42["alert"') || !payload.includes('"kind":"acknowledged"')) return
      const id = /"id":"([^"]+)"/.exec(payload)?.[1]
      if (id !== undefined && !arrived.has(id)) arrived.set(id, Date.now())
    }),
  )
  return arrived
}
