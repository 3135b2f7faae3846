// Region codes to the names people read, for exported files (the screens
// name regions themselves from /api/v1/territory).
import type { Territory } from '../../schemas/territory.ts'

export function regionNamer(territory: Territory, lang: 'zh' | 'en'): (code: string) => string {
  const names = new Map(territory.regions.map((r) => [r.code, lang === 'en' ? r.name_en : r.name_zh]))
  return (code) => names.get(code) ?? code
}
