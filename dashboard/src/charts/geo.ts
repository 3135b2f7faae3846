// The boundaries the region map draws: the territory's inline GeoJSON, or a
// center's own file named by the layout. Each source is registered with
// ECharts once, under its own name, and its district centroids are computed
// once (outages are drawn at their district's centroid).
import { getJson } from '../api/http.ts'
import { echarts } from './echarts.ts'

type Position = [number, number]
interface Feature {
  properties: { code?: string }
  geometry: { type: string; coordinates: unknown }
}
export interface FeatureCollection {
  type: 'FeatureCollection'
  features: Feature[]
}

export interface RegisteredMap {
  name: string
  centroids: Record<string, Position>
  /** Rough size of the map in degrees, to spread points that share a district. */
  span: number
}

const registered = new Map<string, RegisteredMap>()

// Area-weighted centroid of a ring (shoelace formula); the mean of its points when degenerate.
function ringCentroid(ring: Position[]): { at: Position; area: number } {
  let area = 0
  let x = 0
  let y = 0
  for (let i = 0; i < ring.length - 1; i++) {
    const [x0, y0] = ring[i]
    const [x1, y1] = ring[i + 1]
    const cross = x0 * y1 - x1 * y0
    area += cross
    x += (x0 + x1) * cross
    y += (y0 + y1) * cross
  }
  if (Math.abs(area) < 1e-12) {
    const n = ring.length || 1
    return { at: [ring.reduce((s, p) => s + p[0], 0) / n, ring.reduce((s, p) => s + p[1], 0) / n], area: 0 }
  }
  return { at: [x / (3 * area), y / (3 * area)], area: Math.abs(area / 2) }
}

function outerRings(geometry: Feature['geometry']): Position[][] {
  if (geometry.type === 'Polygon') return [(geometry.coordinates as Position[][])[0]]
  if (geometry.type === 'MultiPolygon') return (geometry.coordinates as Position[][][]).map((polygon) => polygon[0])
  return []
}

export function registerGeo(key: string, geojson: FeatureCollection): RegisteredMap {
  const known = registered.get(key)
  if (known) return known
  const name = `wall-map-${registered.size}`
  echarts.registerMap(name, geojson as unknown as Parameters<typeof echarts.registerMap>[1])
  const centroids: Record<string, Position> = {}
  let minX = Infinity
  let maxX = -Infinity
  for (const feature of geojson.features) {
    const code = feature.properties.code
    const rings = outerRings(feature.geometry)
    for (const ring of rings) {
      for (const [x] of ring) {
        minX = Math.min(minX, x)
        maxX = Math.max(maxX, x)
      }
    }
    if (!code || rings.length === 0) continue
    // The largest part of a district holds its point.
    const best = rings.map(ringCentroid).sort((a, b) => b.area - a.area)[0]
    centroids[code] = best.at
  }
  const map = { name, centroids, span: Number.isFinite(maxX - minX) ? maxX - minX : 1 }
  registered.set(key, map)
  return map
}

export const loadGeoJson = (url: string, signal?: AbortSignal) => getJson<FeatureCollection>(url, signal)
