// What the lead's page reads over REST besides the live socket: who is on
// duty now (GET /api/v1/shifts/current) and the escalation policy in force
// with its receivers (GET /api/v1/alerting/config, secrets masked), to know
// which tiers reach the lead. Both change rarely (a shift boundary, an
// administrator's edit): read again every minute and when the page regains
// focus, kept on screen while a new read is under way.
import { useQuery } from '@tanstack/react-query'
import type { Escalation, Receiver } from '../../../schemas/alerting-config.ts'
import type { CurrentShift } from '../../../schemas/current-shift.ts'
import { getJson } from '../api/http.ts'

const EVERY_MINUTE = 60_000

export const useCurrentShift = () =>
  useQuery({
    queryKey: ['shifts', 'current'],
    queryFn: ({ signal }) => getJson<CurrentShift>('/api/v1/shifts/current', signal),
    refetchInterval: EVERY_MINUTE,
  })

interface EscalationPolicy {
  escalation: Escalation | null
  receivers: Receiver[]
}

export const useEscalationPolicy = () =>
  useQuery({
    queryKey: ['alerting', 'escalation'],
    queryFn: ({ signal }) => getJson<EscalationPolicy>('/api/v1/alerting/config', signal),
    select: (config): EscalationPolicy => ({ escalation: config.escalation, receivers: config.receivers }),
    refetchInterval: EVERY_MINUTE,
  })
