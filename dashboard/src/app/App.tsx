// The dashboard's pages and what they all share: the REST cache, the router
// and the one clock. /wall is the zoned large screen (or, unpaired, its
// pairing code); /login and /setup are open to anyone; the person pages
// (home, bulletins, desk, lead, admin) sit behind sign-in with the shared header, each
// shown to the roles it is for; any other address is a not-found page.
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { BrowserRouter, Navigate, Route, Routes } from 'react-router'
import { HomePage } from '../access/HomePage.tsx'
import { LoginPage } from '../access/LoginPage.tsx'
import { PersonPages } from '../access/PersonPages.tsx'
import { RequireRole } from '../access/RequireRole.tsx'
import { SetupPage } from '../access/SetupPage.tsx'
import { AdminLayout } from '../admin/AdminLayout.tsx'
import { AlertingPage } from '../admin/AlertingPage.tsx'
import { AuditPage } from '../admin/AuditPage.tsx'
import { DisplaysPage } from '../admin/DisplaysPage.tsx'
import { TokensPage } from '../admin/TokensPage.tsx'
import { UsersPage } from '../admin/UsersPage.tsx'
import { AlertDetailPage } from '../desk/AlertDetailPage.tsx'
import { DeskPage } from '../desk/DeskPage.tsx'
import { LeadAlertPage } from '../lead/LeadAlertPage.tsx'
import { LeadPage } from '../lead/LeadPage.tsx'
import { NotFoundPage } from '../pages/NotFoundPage.tsx'
import { ReportPage } from '../reports/ReportPage.tsx'
import { ReportsPage } from '../reports/ReportsPage.tsx'
import { clockActions } from '../stores/clock-store.ts'
import { WallScreen } from '../wall/WallScreen.tsx'

export function App({ queryClient }: { queryClient: QueryClient }) {
  useEffect(() => clockActions.start(), [])
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <Routes>
          <Route path="/wall" element={<WallScreen />} />
          <Route path="/login" element={<LoginPage />} />
          <Route path="/setup" element={<SetupPage />} />
          <Route element={<PersonPages />}>
            <Route path="/" element={<HomePage />} />
            <Route
              path="/desk"
              element={
                <RequireRole role="officer">
                  <DeskPage />
                </RequireRole>
              }
            />
            <Route
              path="/desk/alerts/:id"
              element={
                <RequireRole role="officer">
                  <AlertDetailPage />
                </RequireRole>
              }
            />
            <Route path="/reports" element={<ReportsPage />} />
            <Route path="/reports/:id" element={<ReportPage />} />
            <Route
              path="/lead"
              element={
                <RequireRole role="lead">
                  <LeadPage />
                </RequireRole>
              }
            />
            <Route
              path="/lead/alerts/:id"
              element={
                <RequireRole role="lead">
                  <LeadAlertPage />
                </RequireRole>
              }
            />
            <Route
              path="/admin"
              element={
                <RequireRole role="admin">
                  <AdminLayout />
                </RequireRole>
              }
            >
              <Route index element={<Navigate replace to="displays" />} />
              <Route path="displays" element={<DisplaysPage />} />
              <Route path="users" element={<UsersPage />} />
              <Route path="tokens" element={<TokensPage />} />
              <Route path="alerting" element={<AlertingPage />} />
              <Route path="audit" element={<AuditPage />} />
            </Route>
          </Route>
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </BrowserRouter>
    </QueryClientProvider>
  )
}
