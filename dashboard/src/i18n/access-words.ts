// The words of signing in, first setup, the person pages' frame and home,
// and the wall's pairing screen, in both languages (merged into the
// dictionary by dictionary.ts).
export const ACCESS_WORDS = {
  'product.name': ['供电服务指挥中心', 'Service command center'],

  'form.cancel': ['取消', 'Cancel'],
  'form.save': ['保存', 'Save'],
  'form.retry': ['重试', 'Try again'],
  'form.loading': ['正在加载…', 'Loading…'],

  'when.secondsAgo': ['{n} 秒前', '{n} s ago'],
  'when.minutesAgo': ['{n} 分钟前', '{n} min ago'],

  'login.title': ['登录', 'Sign in'],
  'login.username': ['用户名', 'Username'],
  'login.password': ['密码', 'Password'],
  'login.submit': ['登录', 'Sign in'],
  'login.busy': ['正在登录…', 'Signing in…'],
  'login.wait': ['请 {n} 秒后再试', 'Try again in {n} s'],

  'setup.title': ['创建首个管理员', 'Create the first administrator'],
  'setup.intro': [
    '系统中还没有任何用户。此一次性链接用于创建第一个管理员账号，之后可在“用户”页面添加其他人员。',
    'Nobody can sign in yet. This one-time link creates the first administrator; everyone else is added on the Users page afterwards.',
  ],
  'setup.noToken': [
    '请打开服务器启动时在控制台打印的一次性链接（…/setup#token=…）。若已有用户，请直接登录。',
    'Open the one-time link the server printed on its console when it started (…/setup#token=…). If users exist already, sign in instead.',
  ],
  'setup.submit': ['创建管理员并登录', 'Create and sign in'],
  'setup.busy': ['正在创建…', 'Creating…'],
  'user.displayName': ['显示名称', 'Display name'],

  'password.again': ['再次输入密码', 'Password again'],
  'password.rule': [
    '密码长度 {min}–{max} 个字符，不限字符种类；不得是常见密码（最常用的一万个密码之一）。长而好记的短语最安全。',
    '{min}–{max} characters, any characters, no other rules; not one of the 10,000 most common passwords. A long phrase you remember is best.',
  ],
  'password.length': ['密码需 {min}–{max} 个字符，当前 {n} 个', 'A password has {min}–{max} characters; this one has {n}'],
  'password.mismatch': ['两次输入的密码不一致', 'The two passwords differ'],

  'person.checking': ['正在确认登录状态…', 'Checking your session…'],
  'person.signOut': ['退出登录', 'Sign out'],
  'person.notForRole': ['此页面不对您的角色开放', 'This page is not for your role'],
  'person.needsRole': ['需要“{need}”或更高角色；您的角色是“{have}”。', 'It needs the role {need} or above; yours is {have}.'],
  'person.home': ['返回首页', 'Home'],

  'home.hello': ['您好，{name}', 'Hello, {name}'],
  'home.signedInAs': ['已登录为 {user} · {role}', 'Signed in as {user} · {role}'],
  'home.wall': ['大屏', 'Wall'],
  'home.wallAbout': ['分区展示的实时大屏：监控、分析、指标与参观接待', 'The zoned live wall: monitoring, analysis, indicators, showcase'],
  'home.desk': ['值班员工作台', 'Duty desk'],
  'home.deskAbout': ['签收与处理告警、督办、运行日志', 'Acknowledge alerts, issue supervision orders, write the log'],
  'home.lead': ['值班长', 'Shift lead'],
  'home.leadAbout': ['手机上跟进本班：告警一键签收、升级待处理、关键指标、当前班次与推送通知', 'The shift on a phone: one-tap acknowledge, escalations, key figures, who is on duty, push notifications'],
  'home.admin': ['系统管理', 'Administration'],
  'home.adminAbout': ['大屏配对、用户与角色、API 令牌、审计日志', 'Wall displays, users and roles, API tokens, the audit log'],

  'account.title': ['我的账号', 'My account'],
  'account.password': ['修改密码', 'Change password'],
  'account.currentPassword': ['当前密码', 'Current password'],
  'account.change': ['修改', 'Change'],
  'account.changed': ['密码已修改，您在其他地方的会话均已结束', 'Password changed; your sessions elsewhere ended'],
  'account.sessions': ['我的会话', 'My sessions'],
  'account.started': ['登录时间', 'Signed in'],
  'account.lastUsed': ['最近使用', 'Last used'],
  'account.browser': ['浏览器', 'Browser'],
  'account.thisBrowser': ['当前浏览器', 'This browser'],
  'account.end': ['结束', 'End'],

  'wall.connecting': ['正在连接服务器…', 'Connecting to the server…'],
  'wall.connectingProblem': ['暂时无法连接（{m}），自动重试中', 'Not reachable yet ({m}); retrying'],

  'pairing.title': ['大屏配对', 'Pair this display'],
  'pairing.codeLabel': ['配对码', 'Pairing code'],
  'pairing.asking': ['正在获取配对码…', 'Getting a pairing code…'],
  'pairing.expires': ['{t} 后更换新码', 'A new code in {t}'],
  'pairing.how': ['请管理员在以下页面输入此配对码：', 'An administrator enters this code at'],
  'pairing.then': ['批准后，本屏自动显示指定的大屏布局，无需任何操作。', 'Once approved, this screen shows its wall by itself; nothing to do here.'],
  'pairing.scan': ['手机扫码直接打开批准页面', 'Scan to open the approval page'],
  'pairing.qrAlt': ['批准此大屏的页面二维码', 'QR code of the page that approves this display'],
  'pairing.problem': ['暂时无法连接服务器（{m}），配对码仍然有效，自动重试中', 'The server is not reachable ({m}); the code stays valid, retrying'],
  'pairing.people': ['个人用户请在 {url} 登录', 'People sign in at {url}'],
} as const satisfies Record<string, readonly [string, string]>
