// Rendering metrics in the Prometheus text exposition format (version 0.0.4).
export type Labels = Record<string, string>

function labelText(labels: Labels): string {
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`)
  return parts.length > 0 ? `{${parts.join(',')}}` : ''
}

const num = (n: number) => (Number.isFinite(n) ? String(n) : n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN')

/** A counter or gauge with one or more labelled samples. */
export function metric(name: string, type: 'counter' | 'gauge', help: string, samples: Array<[Labels, number]>): string {
  const lines = [`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`]
  for (const [labels, value] of samples) lines.push(`${name}${labelText(labels)} ${num(value)}`)
  return lines.join('\n') + '\n'
}

/** A histogram from cumulative counts per upper bound, with its sum and count. */
export function histogram(
  name: string,
  help: string,
  h: { bounds: readonly number[]; counts: readonly number[]; sum: number; count: number },
): string {
  const lines = [`# HELP ${name} ${help}`, `# TYPE ${name} histogram`]
  h.bounds.forEach((bound, i) => lines.push(`${name}_bucket{le="${bound}"} ${h.counts[i]}`))
  lines.push(`${name}_bucket{le="+Inf"} ${h.count}`, `${name}_sum ${h.sum}`, `${name}_count ${h.count}`)
  return lines.join('\n') + '\n'
}
