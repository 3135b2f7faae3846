// The words on the screens that are not KPI labels (those come from
// schemas/kpis.ts), in both languages: the wall's here, those of the person
// and admin pages and of supervision orders in their own files.
import { ACCESS_WORDS } from './access-words.ts'
import { ADMIN_WORDS } from './admin-words.ts'
import { DESK_WORDS } from './desk-words.ts'
import { LEAD_WORDS } from './lead-words.ts'
import { REPORT_WORDS } from './report-words.ts'
import { lang } from './lang.ts'
import { SHIFT_WORDS } from './shift-words.ts'
import { SUPERVISION_WORDS } from './supervision-words.ts'

const WALL_WORDS = {
  'zone.monitoring': ['监控区', 'Monitoring'],
  'zone.analysis': ['分析区', 'Analysis'],
  'zone.kpi': ['指标展示区', 'Key indicators'],
  'zone.showcase': ['参观接待区', 'Showcase'],
  'zone.ticker': ['告警滚动', 'Alarms'],
  'zone.alert': ['告警区', 'Alerts'],

  'az.title': ['当前告警', 'Open alerts'],
  'az.none': ['暂无告警', 'No open alerts'],
  'az.unacknowledged': ['未签收', 'not acknowledged'],
  'az.escalatesAt': ['{at} 升级', 'escalates at {at}'],
  'az.firingSince': ['{at} 起', 'since {at}'],
  'az.silenced': ['已静默', 'silenced'],
  'az.sev.critical': ['告警', 'Critical'],
  'az.sev.warning': ['预警', 'Warning'],
  'az.sev.info': ['提示', 'Info'],

  'window.15m': ['近15分钟', 'last 15 min'],
  'window.60m': ['近1小时', 'last hour'],
  'window.today': ['今日', 'today'],

  'status.green': ['正常', 'OK'],
  'status.amber': ['预警', 'Warning'],
  'status.red': ['告警', 'Alarm'],

  'fresh.live': ['实时', 'Live'],
  'fresh.loading': ['历史数据加载中 {p}%', 'Loading history {p}%'],
  'fresh.loadingDetail': ['加载完成前，今日及对比数据尚不完整', 'Until it is loaded, today and the comparisons are incomplete'],
  'fresh.delayed': ['数据延迟 {n} 秒', 'Data delayed {n} s'],
  'fresh.delayedLong': ['数据延迟 {n} 分钟', 'Data delayed {n} min'],
  'fresh.disconnected': ['连接中断', 'Disconnected'],
  'fresh.connecting': ['正在连接', 'Connecting'],
  'fresh.reconnecting': ['正在重连，第 {n} 次尝试', 'Reconnecting, attempt {n}'],
  'fresh.asOf': ['数据截至 {t}', 'Data as of {t}'],
  'fresh.noData': ['尚无数据', 'No data yet'],
  'fresh.staleReason': ['原因：{r}', 'Reason: {r}'],
  'fresh.disconnectedFor': ['已中断 {n} 秒，画面数据未更新', 'Down for {n} s; figures are not updating'],

  'tile.target': ['目标', 'Target'],
  'tile.noTarget': ['无考核目标', 'No target'],
  'tile.vsYesterday': ['较昨日', 'vs yesterday'],
  'tile.noYesterday': ['昨日无数据', 'no data yesterday'],
  'tile.yesterdayWas': ['昨日 {v}', 'yesterday {v}'],
  'tile.pp': ['个百分点', 'pp'],

  'unit.percent': ['%', '%'],
  'unit.seconds': ['秒', 's'],
  'unit.minutes': ['分钟', 'min'],
  'unit.hours': ['小时', 'h'],
  'unit.permille': ['‰', '‰'],
  'unit.perMillion': ['/百万户', 'per M'],
  'unit.calls': ['通', 'calls'],
  'unit.outages': ['起', 'outages'],
  'unit.orders': ['单', 'orders'],
  'unit.customers': ['户', 'customers'],
  'unit.agents': ['人', 'agents'],

  'agent.on_call': ['通话', 'On call'],
  'agent.wrap_up': ['话后', 'Wrap-up'],
  'agent.available': ['空闲', 'Available'],
  'agent.not_ready': ['小休', 'Not ready'],
  'agent.offline': ['离线', 'Offline'],

  'cc.title': ['话务实时', 'Call center live'],
  'cc.queue': ['排队数', 'In queue'],
  'cc.longestWait': ['最长等待', 'Longest wait'],
  'cc.agents': ['坐席状态', 'Agents'],
  'cc.agentsOnline': ['在线坐席 {n} 人', '{n} agents signed in'],
  'cc.queues': ['各队列排队', 'Queues'],
  'cc.noQueue': ['当前无排队', 'No one waiting'],
  'cc.last15': ['近15分钟', 'Last 15 min'],

  'map.title': ['停电分布', 'Outages by district'],
  'map.colouredBy': ['区域着色：{k}（{w}）', 'Districts: {k} ({w})'],
  'map.outages': ['当前停电 {n} 起 · 停电 {c} 户', 'Active outages: {n} · customers off supply: {c}'],
  'map.noOutages': ['当前无停电', 'No active outages'],
  'map.pointSize': ['圆点大小 = 停电户数', 'dot size = customers affected'],
  'map.key': ['含重要客户', 'key customers'],
  'map.loading': ['正在加载地图…', 'Loading the map…'],
  'map.failed': ['地图加载失败：{m}', 'Map failed to load: {m}'],

  'trend.title': ['{k} 趋势（{w}）', '{k} trend ({w})'],
  'trend.today': ['今日', 'Today'],
  'trend.yesterday': ['昨日', 'Yesterday'],
  'trend.lastWeek': ['上周同日', 'Same day last week'],
  'trend.noDataLine': ['{l}（无数据）', '{l} (no data)'],
  'trend.loading': ['正在加载趋势…', 'Loading the trend…'],
  'trend.failed': ['趋势暂不可用：{m}', 'Trend unavailable: {m}'],

  'breakdown.title': ['{k} · 按{b}（{w}）', '{k} by {b} ({w})'],
  'breakdown.empty': ['暂无分项数据', 'No breakdown yet'],
  'by.region': ['区域', 'district'],
  'by.queue': ['队列', 'queue'],
  'by.category': ['工单类别', 'category'],
  'by.outage_kind': ['停电类型', 'outage kind'],
  'by.team': ['班组', 'team'],

  'wo.title': ['工单监控', 'Work orders'],
  'wo.open': ['在途', 'Open'],
  'wo.overdue': ['超时', 'Overdue'],
  'wo.atRisk': ['即将超时', 'At risk'],
  'wo.supervisions': ['督办待反馈', 'Supervision awaiting reply'],
  'wo.supervisionsOverdue': ['其中超期', 'of which overdue'],
  'wo.backlog': ['在途工单（按类别、状态）', 'Open backlog by category and status'],
  'wo.list': ['超时及即将超时工单', 'Overdue and at-risk orders'],
  'wo.none': ['无超时或即将超时工单', 'No overdue or at-risk orders'],
  'wo.noBacklog': ['当前无在途工单', 'No open work orders'],
  'wo.overdueBy': ['已超 {d}', '{d} over'],
  'wo.leftFor': ['剩 {d}', '{d} left'],

  'cat.fault_repair': ['故障报修', 'Fault repair'],
  'cat.complaint': ['投诉', 'Complaint'],
  'cat.consultation': ['咨询查询', 'Enquiry'],
  'cat.business': ['业务申请', 'Service request'],
  'cat.arrears_reconnect': ['欠费复电', 'Reconnection'],
  'cat.feedback': ['意见建议', 'Feedback'],

  'wostatus.created': ['已受理', 'Created'],
  'wostatus.dispatched': ['已派单', 'Dispatched'],
  'wostatus.accepted': ['已接单', 'Accepted'],
  'wostatus.in_progress': ['处理中', 'In progress'],
  'wostatus.resolved': ['待回访', 'Resolved'],
  'wostatus.reopened': ['重启', 'Reopened'],
  'wostatus.closed': ['已归档', 'Closed'],

  'milestone.contacted': ['首次联系', 'first contact'],
  'milestone.arrived': ['到达现场', 'arrival'],
  'milestone.resolved': ['处理完成', 'resolution'],
  'milestone.callback': ['回访', 'callback'],

  'outage.planned': ['计划停电', 'Planned'],
  'outage.temporary': ['临时停电', 'Temporary'],
  'outage.fault': ['故障停电', 'Fault'],
  'outage.load_shedding': ['错峰停电', 'Load shedding'],

  'alarm.ok': ['运行正常 · 暂无告警', 'All clear · no alarms'],
  'alarm.disconnected': ['与服务器的连接中断，画面数据未更新', 'Connection to the server lost; figures are not updating'],
  'alarm.acknowledged': ['{who} {at} 已签收', 'acknowledged by {who} at {at}'],
  'alarm.delayed': ['数据延迟 {n} 秒，请检查数据接入', 'Data delayed {n} s; check the data feeds'],

  'layout.refused': ['布局文件有误，继续使用上一个有效布局：{m}', 'Layout refused, the last good one stays on screen: {m}'],
  'layout.unavailable': ['无法加载布局：{m}', 'Cannot load the layout: {m}'],
  'layout.waiting': ['正在加载布局“{n}”…', 'Loading layout “{n}”…'],
  'layout.retry': ['每 {n} 秒自动重试', 'Retrying every {n} s'],

  'build.mismatch': ['服务器已更新版本（{b}），页面刷新后仍未一致，请检查部署', 'The server runs build {b}; this page could not pick it up by reloading'],

  'duration.s': ['{n}秒', '{n} s'],
  'duration.m': ['{n}分', '{n} min'],
  'duration.h': ['{n}小时{m}分', '{n} h {m} min'],
  'duration.d': ['{n}天{h}小时', '{n} d {h} h'],

  'page.wall': ['供电服务指挥中心 · 大屏', 'Command center wall'],
  'page.desk': ['值班员工作台', 'Duty officer desk'],
  'page.lead': ['指挥中心·值班长', 'Command center · shift lead'],
  'page.toWall': ['打开大屏', 'Open the wall'],
  'page.notFound': ['页面不存在', 'Page not found'],
  'page.notFoundDetail': ['此地址没有页面：{path}', 'There is no page at {path}'],
} as const satisfies Record<string, readonly [string, string]>

const WORDS = { ...WALL_WORDS, ...ACCESS_WORDS, ...ADMIN_WORDS, ...DESK_WORDS, ...LEAD_WORDS, ...SHIFT_WORDS, ...SUPERVISION_WORDS, ...REPORT_WORDS }

export type WordKey = keyof typeof WORDS

/** The word in the screen's language, with {name} placeholders filled in. */
export function t(key: WordKey, vars: Record<string, string | number> = {}): string {
  const text = WORDS[key][lang() === 'en' ? 1 : 0]
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`))
}

/** For values that come from data (a category, a status): the word when known, the raw value otherwise. */
export function tOr(key: string, fallback: string): string {
  return key in WORDS ? t(key as WordKey) : fallback
}
