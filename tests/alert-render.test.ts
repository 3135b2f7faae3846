// What every channel says, before a vendor shapes it: the headline's marker
// and label (escalation, reminder, resolved), where and the value against
// the threshold in the KPI's unit, since when in the center's zone, who
// acknowledged, a group's first alerts and the count of the rest; in
// Chinese and in English; and cuts at byte limits that never split a
// character.
import { describe, expect, it } from 'vitest'
import { loadTerritory } from '../schemas/territory.ts'
import { renderMarkdown } from '../server/alerting/notify/render/markdown.ts'
import { buildMessage, headline, type RenderContext } from '../server/alerting/notify/render/message.ts'
import { renderText } from '../server/alerting/notify/render/plain-text.ts'
import { smsParams } from '../server/alerting/notify/render/sms-params.ts'
import { cutUtf8, utf8Bytes } from '../server/alerting/notify/render/utf8.ts'
import { alert, LINK, notification, regionAlerts } from './support/robots/alert-fixtures.ts'

const territory = loadTerritory()
const zh: RenderContext = { lang: 'zh', timeZone: 'Asia/Shanghai', territory }
const en: RenderContext = { ...zh, lang: 'en' }
const receiver = { id: 'r', type: 'webhook' as const, url: 'https://example.cn/hook' }

describe('messages', () => {
  it('an escalation of an acknowledged warning, in Chinese and in English', () => {
    const a = alert({ severity: 'warning', acknowledged: { by: 'zhangsan', display_name: '张三', at: '2026-03-02T01:20:00.000Z', comment: '处理中' } })
    const n = notification(receiver, { reason: 'escalation', firing: [a] })
    expect(renderText(buildMessage(n, zh), 2048)).toBe(
      ['🟠 升级 · 预警：呼损率过高', '地区：北山区', '数值：呼损率 8.3%（阈值 5%）', '开始：03-02 09:15', '签收：张三（03-02 09:20）', `查看详情：${LINK}`].join('\n'),
    )
    expect(renderText(buildMessage(n, en), 2048)).toBe(
      [
        '🟠 Escalated · Warning: 呼损率过高',
        'Where: Beishan District',
        'Value: Abandonment rate 8.3% (threshold 5%)',
        'Since: 03-02 09:15',
        'Acknowledged: 张三 at 03-02 09:20',
        `Open: ${LINK}`,
      ].join('\n'),
    )
  })

  it('alerts of different rules are listed with their rule; alerts left out by the pipeline are counted', () => {
    const other = alert({ id: 'a-9', rule_id: 'asa-high', rule_name: '平均应答时长过长', severity: 'info', labels: { region: 'D02', kpi: 'asa' }, value: 42, threshold: 30 })
    const m = buildMessage(notification(receiver, { firing: [other, alert()], truncated: 10 }), zh)
    expect(headline(m)).toBe('🔴 告警：共 12 条')
    expect(renderText(m, 2048).split('\n')).toEqual([
      '🔴 告警：共 12 条',
      '🔴 呼损率过高 北山区 呼损率 8.3%（阈值 5%），03-02 09:15 起',
      expect.stringMatching(/^🔵 平均应答时长过长 云岭县 .*42.*30.*，03-02 09:15 起$/),
      '还有 10 条',
      `查看详情：${LINK}`,
    ])
  })

  it('a resolved group says so, with when each resolved', () => {
    const resolved = regionAlerts(2).map((a) => ({ ...a, state: 'resolved' as const, resolved_at: '2026-03-02T02:30:00.000Z' }))
    const text = renderText(buildMessage(notification(receiver, { reason: 'resolved', firing: [], resolved }), zh), 2048)
    expect(text.split('\n').slice(0, 3)).toEqual(['✅ 已恢复：呼损率过高（共 2 条）', '✅ 北山区 呼损率 6%（阈值 5%），恢复 03-02 10:30', '✅ 云岭县 呼损率 6.1%（阈值 5%），恢复 03-02 10:30'])
  })

  it('WeCom colours a warning amber and leaves info grey; DingTalk breaks lines with blank lines', () => {
    expect(renderMarkdown(buildMessage(notification(receiver, { firing: [alert({ severity: 'info' })] }), zh), 'wecom', 4096).split('\n')[0]).toBe(
      '### 🔵 <font color="comment">提示</font>：呼损率过高',
    )
    expect(renderMarkdown(buildMessage(notification(receiver), zh), 'dingtalk', 20_000)).toContain('### 🔴 告警：呼损率过高\n\n**地区**：北山区')
  })

  it('a tight limit lists fewer alerts before it cuts anything', () => {
    const m = buildMessage(notification(receiver, { firing: regionAlerts(50) }), zh)
    const full = renderMarkdown(m, 'wecom', 100_000)
    const tight = renderMarkdown(m, 'wecom', 400)
    expect(utf8Bytes(tight)).toBeLessThanOrEqual(400)
    expect(tight.endsWith(`[查看详情](${LINK})`)).toBe(true)
    expect(full).toContain('还有 45 条')
    expect(tight).toMatch(/还有 4[6-9] 条/)
  })

  it('SMS template parameters are short; the link stays whole', () => {
    const long = alert({ rule_name: '某某地区某某供电所辖区内的故障报修工单在规定时限内未完成处理的数量超过阈值' })
    const p = smsParams(buildMessage(notification(receiver, { firing: [long] }), zh))
    expect(Array.from(p.title)).toHaveLength(35)
    expect(p.title.endsWith('…')).toBe(true)
    expect(p.link).toBe(LINK)
  })
})

describe('cutting at a byte limit', () => {
  it('never splits a Chinese character or an emoji', () => {
    expect(cutUtf8('呼损率过高', 7)).toBe('呼…')
    expect(cutUtf8('🔴🔴🔴', 9)).toBe('🔴…')
    expect(cutUtf8('呼损率', 9)).toBe('呼损率')
    for (let max = 3; max < 40; max += 1) {
      const cut = cutUtf8('🔴 告警：呼损率过高 north', max)
      expect(utf8Bytes(cut)).toBeLessThanOrEqual(max)
      expect(cut).not.toContain('\uFFFD')
      expect(Buffer.from(cut, 'utf8').toString('utf8')).toBe(cut)
    }
  })
})

describe('a notice (a bulletin’s summary)', () => {
  const words = (label: string) => ({ label, subject: '2026-12-01', fields: [['告警', '3 条'], ['红色指标', '2 项']] as Array<[string, string]>, list: ['a', 'b', 'c', 'd', 'e', 'f', 'g'], linkText: '查看通报' })
  const n = {
    ...notification(receiver, { reason: 'notice', firing: [] }),
    notice: { key: 'bulletin:daily-2026-12-01', labels: { kind: 'bulletin', bulletin: 'daily' }, text: { zh: words('日预警'), en: { ...words('Daily warning summary'), linkText: 'Open' } }, path: '/reports/daily-2026-12-01', at: '2026-12-02T00:00:00.000Z' },
  }

  it('reads as its own words in the receiver’s language, the first few lines and the count of the rest, with its link', () => {
    expect(renderText(buildMessage(n, zh), 2048)).toBe(['📋 日预警：2026-12-01', '告警：3 条', '红色指标：2 项', 'a', 'b', 'c', 'd', 'e', '还有 2 条', `查看通报：${LINK}`].join('\n'))
    expect(headline(buildMessage(n, en))).toBe('📋 Daily warning summary: 2026-12-01')
    expect(renderMarkdown(buildMessage(n, zh), 'dingtalk', 20_000)).toContain(`[查看通报](${LINK})`)
  })
})
