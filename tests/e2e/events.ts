// Events posted to the real server by the end-to-end tests, in the wire
// contract of DOMAIN.md §1, at the server's time (`now`: its moved clock,
// tests/support/app-process.ts).
import { randomUUID } from 'node:crypto'
import { appAccess } from '../support/app-access.ts'
import type { AppProcess } from '../support/app-process.ts'

const producers = new WeakMap<AppProcess, Promise<string>>()

export function offeredCalls(count: number, now: number): object[] {
  return Array.from({ length: count }, (_, i) => ({
    event_id: randomUUID(),
    type: 'call.offered',
    occurred_at: new Date(now - 1000 - (i % 50)).toISOString(),
    source: 'e2e-test',
    region: 'D05',
    schema_version: 1,
    call_id: `e2e-call-${randomUUID()}`,
    queue: 'consult',
    channel: 'voice',
  }))
}

/** Fault-repair orders created `ageMs` ago and never handled: overdue from the start. */
export function overdueOrders(ids: string[], ageMs: number, now: number): object[] {
  return ids.map((workorder_id) => ({
    ...envelope('workorder.created', now - ageMs),
    workorder_id,
    category: 'fault_repair',
    priority: 'normal',
    area_class: 'urban',
  }))
}

/** An agent signing off: fresh data that opens no queue, outage, order or alarm. */
export function agentOffline(agent_id: string, now: number): object {
  return { ...envelope('agent.state', now - 1000), agent_id, team: 'cc-a', state: 'offline' }
}

/** A fault outage in `region` started two hours ago, 1,200 customers off supply (3 key), its ETR passed 30 minutes ago. */
export function outagePastEtr(outage_id: string, region: string, now: number): object {
  return {
    ...envelope('outage.started', now - 2 * 3_600_000),
    region,
    outage_id,
    kind: 'fault',
    feeder: '10kV-E2E',
    customers_affected: 1200,
    key_customers_affected: 3,
    etr: new Date(now - 30 * 60_000).toISOString(),
  }
}

export function closedOrder(workorder_id: string, now: number): object {
  return { ...envelope('workorder.closed', now - 1000), workorder_id }
}

function envelope(type: string, at: number) {
  return { event_id: randomUUID(), type, occurred_at: new Date(at).toISOString(), source: 'e2e-test', region: 'D05', schema_version: 1 }
}

/** Posts events as a program does, with an API token of scope events:write. */
export async function postEvents(app: AppProcess, events: object[]): Promise<{ accepted: number; rejected: number }> {
  producers.set(app, producers.get(app) ?? appAccess(app).token(['events:write']))
  const token = await producers.get(app)!
  const response = await fetch(`${app.url}/api/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', connection: 'close', authorization: `Bearer ${token}` },
    body: JSON.stringify(events),
  })
  if (!response.ok) throw new Error(`POST /api/v1/events answered ${response.status}: ${await response.text()}`)
  return (await response.json()) as { accepted: number; rejected: number }
}
