// Events posted to the real server by the end-to-end tests, in the wire
// contract of DOMAIN.md §1.
import { randomUUID } from 'node:crypto'

export function offeredCalls(count: number, now = Date.now()): object[] {
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

export async function postEvents(url: string, events: object[]): Promise<{ accepted: number; rejected: number }> {
  const response = await fetch(`${url}/api/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', connection: 'close' },
    body: JSON.stringify(events),
  })
  if (!response.ok) throw new Error(`POST /api/v1/events answered ${response.status}: ${await response.text()}`)
  return (await response.json()) as { accepted: number; rejected: number }
}
