// A progress line on stderr for long tasks (backfill, replay): a redrawn bar
// on a terminal, a plain line every 10% otherwise (logs, CI).
export function createProgress(label: string, stream: NodeJS.WriteStream = process.stderr) {
  const tty = stream.isTTY === true
  const started = Date.now()
  let lastDecile = -1
  return {
    update(fraction: number, detail: string): void {
      const f = Math.max(0, Math.min(1, fraction))
      if (tty) {
        const width = 30
        const filled = Math.round(f * width)
        stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(f * 100).toFixed(0).padStart(3)}% ${detail}   `)
      } else if (Math.floor(f * 10) > lastDecile) {
        lastDecile = Math.floor(f * 10)
        stream.write(`${label} ${(f * 100).toFixed(0)}% ${detail}\n`)
      }
    },
    done(detail: string): void {
      const seconds = ((Date.now() - started) / 1000).toFixed(1)
      stream.write(`${tty ? '\r' : ''}${label} done in ${seconds} s: ${detail}${tty ? ' '.repeat(20) : ''}\n`)
    },
  }
}
