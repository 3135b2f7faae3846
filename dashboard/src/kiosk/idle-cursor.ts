// Kiosk behaviour: the pointer disappears after 3 s without movement, and
// comes back when someone moves the mouse.
const IDLE_MS = 3_000

export function hideIdleCursor(): () => void {
  const root = document.documentElement
  let timer: ReturnType<typeof setTimeout> | undefined
  const idle = () => root.classList.add('cursor-idle')
  const moved = () => {
    root.classList.remove('cursor-idle')
    clearTimeout(timer)
    timer = setTimeout(idle, IDLE_MS)
  }
  window.addEventListener('pointermove', moved, { passive: true })
  window.addEventListener('pointerdown', moved, { passive: true })
  timer = setTimeout(idle, IDLE_MS)
  return () => {
    clearTimeout(timer)
    window.removeEventListener('pointermove', moved)
    window.removeEventListener('pointerdown', moved)
    root.classList.remove('cursor-idle')
  }
}
