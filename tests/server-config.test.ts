// The server's configuration: documented defaults, and a clear ConfigError
// naming the variable for a bad value (secrets never echoed).
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError } from '../core/env.ts'
import { loadServerConfig } from '../server/config.ts'

describe('loadServerConfig', () => {
  it('has the documented defaults', () => {
    expect(loadServerConfig({})).toEqual({
      port: 8080,
      host: '127.0.0.1',
      kpiTickMs: 1000,
      timeZone: 'Asia/Shanghai',
      publicUrl: undefined,
      allowedOrigins: [],
      sessionIdleMinutes: 30,
      sessionMaxHours: 12,
      deviceSessionDays: 180,
      rateLimitPerMinute: 3000,
      maxBodyBytes: 5 * 1024 * 1024,
      staleAfterSeconds: 60,
      kpiConfigFile: undefined,
      territoryFile: undefined,
      slaRulesFile: undefined,
      alertingFile: undefined,
      layoutsDir: resolve('dashboard/layouts'),
      dashboardDist: resolve('dashboard/dist'),
      supervision: { alertAfterMinutes: 30, checkMs: 5000, webhookUrl: undefined },
      handoverRemindAfterMinutes: 30,
      bulletins: {
        daily: { minute: 8 * 60 },
        weekly: { weekday: 1, minute: 9 * 60 },
        checkMs: 30_000,
        font: { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', name: 'NotoSansCJKsc-Regular' },
      },
    })
  })

  it('reads every variable', () => {
    const config = loadServerConfig({
      PORT: '9000', HOST: '0.0.0.0', KPI_TICK_MS: '500', CENTER_TZ: 'Europe/Paris', PUBLIC_URL: 'https://command.example.com/',
      ALLOWED_ORIGINS: 'https://wall.example.com, http://10.0.0.5:8080', SESSION_IDLE_MINUTES: '15', SESSION_MAX_HOURS: '10',
      DEVICE_SESSION_DAYS: '365', RATE_LIMIT_PER_MINUTE: '600', MAX_BODY_BYTES: '1048576', STALE_AFTER_SECONDS: '120', KPI_CONFIG_FILE: 'kpis.json', TERRITORY_FILE: 't.json',
      ALERTING_FILE: 'alerting.yaml', LAYOUTS_DIR: '/srv/layouts', DASHBOARD_DIST: '/srv/dist', HANDOVER_REMIND_AFTER_MINUTES: '45',
      BULLETIN_DAILY_AT: '07:30', BULLETIN_WEEKLY_AT: 'fri 17:45', BULLETIN_CHECK_MS: '5000', BULLETIN_FONT: '/srv/fonts/wqy.ttc',
    })
    expect(config.bulletins).toEqual({ daily: { minute: 7 * 60 + 30 }, weekly: { weekday: 5, minute: 17 * 60 + 45 }, checkMs: 5000, font: { path: '/srv/fonts/wqy.ttc', name: undefined } })
    expect(loadServerConfig({ BULLETIN_DAILY_AT: 'off', BULLETIN_WEEKLY_AT: 'OFF' }).bulletins).toMatchObject({ daily: null, weekly: null })
    expect(config).toMatchObject({
      port: 9000, host: '0.0.0.0', kpiTickMs: 500, timeZone: 'Europe/Paris', publicUrl: new URL('https://command.example.com/'),
      allowedOrigins: ['https://wall.example.com', 'http://10.0.0.5:8080'], sessionIdleMinutes: 15, sessionMaxHours: 10,
      deviceSessionDays: 365, rateLimitPerMinute: 600, maxBodyBytes: 1_048_576, staleAfterSeconds: 120, kpiConfigFile: resolve('kpis.json'), territoryFile: resolve('t.json'),
      alertingFile: resolve('alerting.yaml'), layoutsDir: '/srv/layouts', dashboardDist: '/srv/dist', handoverRemindAfterMinutes: 45,
    })
  })

  it.each([
    [{ PORT: 'eighty' }, /PORT must be an integer/],
    [{ PORT: '70000' }, /PORT must be between 0 and 65535/],
    [{ KPI_TICK_MS: '10' }, /KPI_TICK_MS must be between 50/],
    [{ CENTER_TZ: 'Mars/Olympus' }, /CENTER_TZ must be an IANA time zone/],
    [{ HOST: 'bad host' }, /HOST must be a host name/],
    [{ MAX_BODY_BYTES: '-1' }, /MAX_BODY_BYTES must be between/],
    [{ STALE_AFTER_SECONDS: '0' }, /STALE_AFTER_SECONDS must be between 1/],
    [{ PUBLIC_URL: 'command.example.com' }, /PUBLIC_URL must be an http\(s\) address/],
    [{ PUBLIC_URL: 'ftp://command.example.com' }, /PUBLIC_URL must be an http\(s\) address/],
    [{ ALLOWED_ORIGINS: 'https://ok.example.com,nonsense' }, /ALLOWED_ORIGINS must be an http\(s\) address/],
    [{ SESSION_IDLE_MINUTES: '0' }, /SESSION_IDLE_MINUTES must be between 1/],
    [{ SESSION_MAX_HOURS: '1000' }, /SESSION_MAX_HOURS must be between 1/],
    [{ HANDOVER_REMIND_AFTER_MINUTES: '0' }, /HANDOVER_REMIND_AFTER_MINUTES must be between 1/],
    [{ BULLETIN_DAILY_AT: '8:00' }, /BULLETIN_DAILY_AT must be a local time HH:MM \(e\.g\. 08:00\) or "off", got '8:00'/],
    [{ BULLETIN_DAILY_AT: '24:00' }, /BULLETIN_DAILY_AT must be a local time HH:MM/],
    [{ BULLETIN_WEEKLY_AT: 'MONDAY 09:00' }, /BULLETIN_WEEKLY_AT must be a weekday and a local time, e.g. "MON 09:00"/],
    [{ BULLETIN_WEEKLY_AT: 'MON 9am' }, /BULLETIN_WEEKLY_AT must be a local time HH:MM \(e\.g\. MON 09:00\)/],
  ])('refuses %o', (env, message) => {
    expect(() => loadServerConfig(env)).toThrow(ConfigError)
    expect(() => loadServerConfig(env)).toThrow(message)
  })

  it('refuses API_TOKEN, which is gone, saying how to move and without echoing it', () => {
    const attempt = () => loadServerConfig({ API_TOKEN: 'an-old-shared-secret-token' })
    expect(attempt).toThrow(ConfigError)
    expect(attempt).toThrow(/API_TOKEN is no longer used: create named API tokens with scopes/)
    expect(attempt).not.toThrow(/an-old-shared-secret-token/)
  })
})
