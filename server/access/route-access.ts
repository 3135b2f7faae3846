// The least every HTTP route and socket event needs: the one place that
// says it, enforced by the access plugin (plugins/access.ts) and enumerated
// by the tests. A route that is registered without an entry here stops the
// app from starting, so none can be forgotten. HEAD answers as its GET.
import type { ClientToServerEvents } from '../../schemas/socket-events.ts'
import type { Access } from './access.ts'

const open = (why: string): Access => ({ public: why })
/** Figures every screen shows: people, paired walls, and programs with the read scope. */
const SCREEN: Access = { role: 'viewer', wall: true, scope: 'read' }
/** Lists and details a person reads (a wall shows only what its snapshot holds). */
const READ: Access = { role: 'viewer', scope: 'read' }
const ADMIN: Access = { role: 'admin' }
const SIGNED_IN: Access = { role: 'viewer' }
const PAGE = open('a page of the dashboard: the shell carries no data; a person without a session is sent to /login')

export const ROUTE_ACCESS: Record<string, Access> = {
  // Probes carry no credentials and reveal nothing.
  'GET /healthz': open('liveness probe'),
  'GET /readyz': open('readiness probe'),
  'GET /metrics': { role: 'admin', scope: 'metrics:read' },

  // Signing in, first setup, pairing a wall.
  'POST /api/v1/auth/login': open('signing in'),
  'POST /api/v1/auth/setup': open('creating the first administrator with the one-time setup link'),
  'POST /api/v1/auth/logout': SIGNED_IN,
  'GET /api/v1/auth/me': { role: 'viewer', wall: true },
  'GET /api/v1/auth/sessions': SIGNED_IN,
  'DELETE /api/v1/auth/sessions/:id': SIGNED_IN,
  'POST /api/v1/auth/password': SIGNED_IN,
  'POST /api/v1/devices/pairing': open('a wall asking for a pairing code'),
  'POST /api/v1/devices/token': open('a wall polling for its pairing to be approved'),

  // People, displays, programs, the audit log.
  'GET /api/v1/users': ADMIN,
  'POST /api/v1/users': ADMIN,
  'PATCH /api/v1/users/:id': ADMIN,
  'POST /api/v1/users/:id/password': ADMIN,
  'GET /api/v1/users/:id/sessions': ADMIN,
  'DELETE /api/v1/users/:id/sessions': ADMIN,
  'POST /api/v1/devices/approve': ADMIN,
  'GET /api/v1/devices': ADMIN,
  'PATCH /api/v1/devices/:id': ADMIN,
  'DELETE /api/v1/devices/:id': ADMIN,
  'POST /api/v1/devices/:id/reload': ADMIN,
  'GET /api/v1/tokens': ADMIN,
  'POST /api/v1/tokens': ADMIN,
  'DELETE /api/v1/tokens/:id': ADMIN,
  'GET /api/v1/audit': ADMIN,

  // The alerting configuration: leads read it (secrets masked), administrators change it.
  'GET /api/v1/alerting/config': { role: 'lead' },
  'POST /api/v1/alerting/reload': ADMIN,
  'PUT /api/v1/alerting/rules/:id': ADMIN,
  'DELETE /api/v1/alerting/rules/:id': ADMIN,
  'PUT /api/v1/alerting/receivers/:id': ADMIN,
  'DELETE /api/v1/alerting/receivers/:id': ADMIN,
  'PUT /api/v1/alerting/routes': ADMIN,
  'PUT /api/v1/alerting/routes/:index': ADMIN,
  'DELETE /api/v1/alerting/routes/:index': ADMIN,
  'PUT /api/v1/alerting/escalation': ADMIN,
  'DELETE /api/v1/alerting/escalation': ADMIN,
  'PUT /api/v1/alerting/roster': ADMIN,
  'DELETE /api/v1/alerting/roster': ADMIN,

  // Figures and drill-down.
  'GET /api/v1/snapshot': SCREEN,
  'GET /api/v1/kpis': SCREEN,
  'GET /api/v1/kpis/:id/series': SCREEN,
  'GET /api/v1/territory': SCREEN,
  'GET /api/v1/layouts': SCREEN,
  'GET /api/v1/layouts/:name': SCREEN,
  'GET /api/v1/workorders': READ,
  'GET /api/v1/workorders/export': READ,
  'GET /api/v1/workorders/:id/timeline': READ,
  'GET /api/v1/outages': READ,
  'GET /api/v1/outages/export': READ,
  'GET /api/v1/outages/:id/timeline': READ,
  'GET /api/v1/calls/:id/timeline': READ,
  'GET /api/v1/agents': READ,
  'GET /api/v1/agents/export': READ,
  'GET /api/v1/queues': READ,
  'GET /api/v1/queues/export': READ,

  // Alerts: every screen sees them; officers acknowledge, leads escalate, close and silence.
  'GET /api/v1/alerts': READ,
  'GET /api/v1/alerts/:id': READ,
  'POST /api/v1/alerts/:id/ack': { role: 'officer' },
  'POST /api/v1/alerts/:id/escalate': { role: 'lead' },
  'POST /api/v1/alerts/:id/resolve': { role: 'lead' },
  'POST /api/v1/alerts/:id/silence': { role: 'lead' },
  'GET /api/v1/silences': { role: 'lead' },
  'POST /api/v1/silences': { role: 'lead' },
  'DELETE /api/v1/silences/:id': { role: 'lead' },

  // Web Push for shift leads: the key to subscribe with, and their own browsers.
  'GET /api/v1/push/vapid-key': { role: 'lead' },
  'POST /api/v1/push/subscriptions': { role: 'lead' },
  'DELETE /api/v1/push/subscriptions': { role: 'lead' },

  // Alerting: who is on duty (the roster), for the desk and the lead's page.
  'GET /api/v1/shifts/current': { role: 'officer' },

  // Supervision orders (督办): officers issue and close them; everyone reads them.
  'POST /api/v1/supervisions': { role: 'officer' },
  'GET /api/v1/supervisions': READ,
  'GET /api/v1/supervisions/export': READ,
  'GET /api/v1/supervisions/:id': READ,
  'POST /api/v1/supervisions/:id/close': { role: 'officer' },

  // The operations log (运行日志): everyone reads it; officers write in it.
  'GET /api/v1/log': READ,
  'GET /api/v1/log/export': READ,
  'POST /api/v1/log': { role: 'officer' },

  // Shift handovers (交接班): everyone reads them; leads hand over and confirm.
  'GET /api/v1/handovers': READ,
  'GET /api/v1/handovers/draft': READ,
  'POST /api/v1/handovers': { role: 'lead' },
  'POST /api/v1/handovers/:id/confirm': { role: 'lead' },
  'GET /api/v1/shifts/current/figures': READ,

  // Bulletins (日预警、周通报): everyone reads them and their files; leads make one for a past period.
  'GET /api/v1/bulletins': READ,
  'POST /api/v1/bulletins': { role: 'lead' },
  'GET /api/v1/bulletins/:id': READ,
  'GET /api/v1/bulletins/:id/pdf': READ,
  'GET /api/v1/bulletins/:id/xlsx': READ,

  // Programs post events; people act through the desk's own actions.
  'POST /api/v1/events': { scope: 'events:write' },

  // The dashboard's pages and assets.
  'GET /': PAGE,
  'GET /wall': open('the wall: a paired display gets its layout, an unpaired one the pairing screen'),
  'GET /wall/*': open('the wall: a paired display gets its layout, an unpaired one the pairing screen'),
  'GET /login': open('the sign-in page'),
  'GET /setup': open('the first setup page'),
  'GET /desk': PAGE,
  'GET /desk/*': PAGE,
  'GET /lead': PAGE,
  'GET /lead/*': PAGE,
  'GET /admin': PAGE,
  'GET /admin/*': PAGE,
  'GET /reports': PAGE,
  'GET /reports/*': PAGE,
  'GET /*': open('the dashboard’s scripts, styles and icons, which carry no data'),
}

/** Route families a plugin registers (the API documentation), by prefix. */
export const PREFIX_ACCESS: ReadonlyArray<{ prefix: string; access: Access }> = [{ prefix: '/docs', access: SIGNED_IN }]

/** The connection itself, and every event a client sends. */
export const SOCKET_ACCESS: { connect: Access } & Record<keyof ClientToServerEvents, Access> = {
  connect: SCREEN,
  subscribe: SCREEN,
  'snapshot:request': SCREEN,
  'alerts:request': SCREEN,
  'display:heartbeat': { wall: true },
}

/** The access a route needs, or undefined when it declares none. */
export function routeAccess(method: string, url: string): Access | undefined {
  const verb = method === 'HEAD' ? 'GET' : method
  return ROUTE_ACCESS[`${verb} ${url}`] ?? PREFIX_ACCESS.find((p) => url === p.prefix || url.startsWith(`${p.prefix}/`))?.access
}
