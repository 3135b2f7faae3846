// The one cache every REST read goes through (TanStack Query): a panel asks
// for what it shows, panels that show the same thing share one request, and
// each query says how often it is refreshed. A refresh that fails keeps the
// data already held (the panel says what went wrong beside it).
import { QueryClient } from '@tanstack/react-query'

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Each query retries on its own schedule (its refetch interval, or a
        // retry policy of its own), so a failure is reported when it happens.
        retry: false,
        // A wall talks to a server on its own network: whether the browser
        // believes it is online (reachability of the internet) says nothing
        // about that, and must not pause its requests.
        networkMode: 'always',
        // Refreshed on the interval even while the page is not in front (a
        // wall's browser may have lost focus to nothing anyone can see), and
        // not extra times when the page regains focus.
        refetchIntervalInBackground: true,
        refetchOnWindowFocus: false,
      },
    },
  })
}
