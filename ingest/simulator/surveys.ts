// Satisfaction surveys (回访): a share of ended calls and closed work orders
// are rated by the customer minutes to hours later.
import { HOUR, MINUTE } from './clock.ts'
import type { SimContext } from './context.ts'
import type { Rng } from './random.ts'

const CALL_SURVEY_SHARE = 0.08
const WORKORDER_SURVEY_SHARE = 0.3
const CALL_REASONS = ['等待时间过长', '问题未解决', '服务态度不好', '语音导航太复杂']
const WORKORDER_REASONS = ['抢修不及时', '重复停电', '处理结果不满意', '未及时回复']

export interface CallExperience {
  resolvedFirstContact: boolean
  waitMs: number
  complaint: boolean
}

export interface WorkorderExperience {
  late: boolean
  reopened: boolean
  complaint: boolean
}

export class Surveys {
  constructor(
    private readonly ctx: SimContext,
    private readonly rng: Rng,
  ) {}

  forCall(callId: string, region: string, endedAt: number, x: CallExperience): void {
    if (!this.rng.chance(CALL_SURVEY_SHARE)) return
    let risk = 0.035
    if (!x.resolvedFirstContact) risk += 0.2
    if (x.waitMs > 60_000) risk += 0.08
    if (x.complaint) risk += 0.12
    const at = endedAt + Math.round(this.rng.uniform(5 * MINUTE, 3 * HOUR))
    this.emit(at, region, 'call', callId, risk, CALL_REASONS)
  }

  forWorkorder(workorderId: string, region: string, closedAt: number, x: WorkorderExperience): void {
    if (!this.rng.chance(WORKORDER_SURVEY_SHARE)) return
    let risk = 0.04
    if (x.late) risk += 0.2
    if (x.reopened) risk += 0.3
    if (x.complaint) risk += 0.12
    const at = closedAt + Math.round(this.rng.uniform(10 * MINUTE, 20 * HOUR))
    this.emit(at, region, 'workorder', workorderId, risk, WORKORDER_REASONS)
  }

  private emit(at: number, region: string, refType: 'call' | 'workorder', refId: string, risk: number, reasons: readonly string[]): void {
    const dissatisfied = this.rng.chance(risk)
    this.ctx.out.emit(at, 'survey.result', 'survey', region, {
      survey_id: this.ctx.ids.next('SV'),
      ref_type: refType,
      ref_id: refId,
      rating: dissatisfied ? 'dissatisfied' : this.rng.chance(0.62) ? 'very_satisfied' : 'satisfied',
      reason: dissatisfied ? this.rng.pick(reasons) : undefined,
    })
  }
}
