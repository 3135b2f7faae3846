// The territory the server runs with: region, queue and team names for the
// labels, the time zone for the clock, the boundaries for the map. Loaded once
// and kept; retried until it arrives (the wall starts with codes and the
// default zone).
import { queryOptions, useQuery } from '@tanstack/react-query'
import type { Territory } from '../../../schemas/territory.ts'
import { getJson } from '../api/http.ts'
import { DEFAULT_TIME_ZONE } from '../format/center-time.ts'
import { pick } from '../i18n/lang.ts'

export type TerritoryInfo = Territory & { time_zone: string }

const NO_NAMES: Record<string, string> = {}

const territoryQuery = queryOptions({
  queryKey: ['territory'],
  queryFn: ({ signal }) => getJson<TerritoryInfo>('/api/v1/territory', signal),
  // The territory changes only with the server's configuration, which restarts it.
  staleTime: Infinity,
  retry: true,
  retryDelay: (failures) => Math.min(2_000 * 2 ** failures, 60_000),
})

const zoneOf = (territory: TerritoryInfo) => territory.time_zone
function namesOf(territory: TerritoryInfo): Record<string, string> {
  const names: Record<string, string> = {}
  for (const item of [...territory.regions, ...territory.queues, ...territory.teams]) names[item.code] = pick(item.name_zh, item.name_en)
  return names
}

export const useTerritory = (): TerritoryInfo | null => useQuery(territoryQuery).data ?? null
export const useTimeZone = (): string => useQuery({ ...territoryQuery, select: zoneOf }).data ?? DEFAULT_TIME_ZONE
/** The name of a region, queue or team in the screen's language; the code until the territory has loaded. */
export const useNames = (): Record<string, string> => useQuery({ ...territoryQuery, select: namesOf }).data ?? NO_NAMES
