// A center's own district boundaries, named by a map panel's geojson_url:
// fetched once, registered with ECharts, and retried every 30 s until it
// arrives, with the reason it failed meanwhile.
import { useQuery } from '@tanstack/react-query'
import { loadGeoJson, registerGeo, type RegisteredMap } from '../charts/geo.ts'

const RETRY_MS = 30_000

export function useGeoJsonMap(url: string | undefined): { map: RegisteredMap | null; error: string | null } {
  const query = useQuery({
    queryKey: ['geojson', url],
    queryFn: async ({ signal }) => registerGeo(url!, await loadGeoJson(url!, signal)),
    enabled: url !== undefined,
    staleTime: Infinity,
    retry: true,
    retryDelay: RETRY_MS,
  })
  const failure = query.data ? null : (query.error ?? query.failureReason)
  return { map: query.data ?? null, error: failure ? failure.message : null }
}
