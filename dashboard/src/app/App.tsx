// The dashboard's pages and what they all share: the REST cache, the router
// and the one clock. /wall is the zoned large screen; /desk and /lead are
// placeholders until their issues land; any other address is a not-found page.
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router'
import { NotFoundPage } from '../pages/NotFoundPage.tsx'
import { PlaceholderPage } from '../pages/PlaceholderPage.tsx'
import { clockActions } from '../stores/clock-store.ts'
import { WallScreen } from '../wall/WallScreen.tsx'

// The server answers / with the dashboard too; it has always shown the wall.
function ToWall() {
  const { search } = useLocation()
  return <Navigate replace to={{ pathname: '/wall', search }} />
}

export function App({ queryClient }: { queryClient: QueryClient }) {
  useEffect(() => clockActions.start(), [])
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <Routes>
          <Route path="/" element={<ToWall />} />
          <Route path="/wall" element={<WallScreen />} />
          <Route path="/desk" element={<PlaceholderPage view="desk" />} />
          <Route path="/lead" element={<PlaceholderPage view="lead" />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </BrowserRouter>
    </QueryClientProvider>
  )
}
