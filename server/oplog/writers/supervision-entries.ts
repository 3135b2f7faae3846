// Log entries of the supervision orders' steps (the supervision service's
// onEvent seam): issued, replied, overdue (the reminder at the deadline),
// the shift lead alerted, returned, closed. A team's receipt is left out: it
// is in the order's history, and not news for the shift. An order overdue
// is notable for the handover.
import type { SupervisionEvent, SupervisionService } from '../../supervision/supervision-service.ts'
import type { OperationsLog, SystemEntry } from '../operations-log.ts'

const TARGET_WORDS: Record<string, string> = { workorder: '工单', outage: '停电', alert: '告警' }

function textOf(e: SupervisionEvent): string | null {
  const o = e.order
  const about = `${TARGET_WORDS[o.target_type] ?? o.target_type} ${o.target_id}`
  switch (e.kind) {
    case 'issued': {
      const minutes = Math.round((o.due_at.getTime() - o.issued_at.getTime()) / 60_000)
      return `${e.by ?? ''} 下发督办 ${o.id}：${about} 交 ${o.team}，${o.reason}；要求 ${o.action}，${minutes} 分钟内反馈`
    }
    case 'replied':
      return `${o.team} 反馈督办 ${o.id}（${about}）：${o.reply ?? ''}`
    case 'overdue':
      return `督办 ${o.id}（${about}）逾期未反馈，已向 ${o.team} 催办`
    case 'alerted':
      return `督办 ${o.id}（${about}）催办后仍未反馈，已告警值班长`
    case 'returned':
      return `${e.by ?? ''} 退回督办 ${o.id}（${about}），重新交办第 ${o.round} 轮`
    case 'closed':
      return `${e.by ?? ''} 审结督办 ${o.id}（${about}）`
    case 'received':
      return null
  }
}

export function supervisionEntry(e: SupervisionEvent): SystemEntry | null {
  const text = textOf(e)
  if (text === null) return null
  return {
    at: e.at,
    category: 'supervision',
    text,
    target: { type: 'supervision', id: e.order.id },
    kind: `supervision.${e.kind}`,
    notable: e.kind === 'overdue' || e.kind === 'alerted',
    key: `supervision:${e.order.id}:${e.kind}:${e.order.round}:${e.at.getTime()}`,
  }
}

export function writeSupervisionEntries(service: SupervisionService, log: OperationsLog): void {
  service.onEvent((event) => {
    const entry = supervisionEntry(event)
    if (entry) void log.report(entry)
  })
}
