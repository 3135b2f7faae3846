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
      apiToken: undefined,
      maxBodyBytes: 5 * 1024 * 1024,
      staleAfterSeconds: 60,
      kpiConfigFile: undefined,
      territoryFile: undefined,
      layoutsDir: resolve('dashboard/layouts'),
      dashboardDist: resolve('dashboard/dist'),
    })
  })

  it('reads every variable', () => {
    const config = loadServerConfig({
      PORT: '9000', HOST: '0.0.0.0', KPI_TICK_MS: '500', CENTER_TZ: 'Europe/Paris', API_TOKEN: 'a-long-enough-token',
      MAX_BODY_BYTES: '1048576', STALE_AFTER_SECONDS: '120', KPI_CONFIG_FILE: 'kpis.json', TERRITORY_FILE: 't.json',
      LAYOUTS_DIR: '/srv/layouts', DASHBOARD_DIST: '/srv/dist',
    })
    expect(config).toMatchObject({
      port: 9000, host: '0.0.0.0', kpiTickMs: 500, timeZone: 'Europe/Paris', apiToken: 'a-long-enough-token',
      maxBodyBytes: 1_048_576, staleAfterSeconds: 120, kpiConfigFile: resolve('kpis.json'), territoryFile: resolve('t.json'),
      layoutsDir: '/srv/layouts', dashboardDist: '/srv/dist',
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
  ])('refuses %o', (env, message) => {
    expect(() => loadServerConfig(env)).toThrow(ConfigError)
    expect(() => loadServerConfig(env)).toThrow(message)
  })

  it('refuses a short API_TOKEN without echoing it', () => {
    const attempt = () => loadServerConfig({ API_TOKEN: 'hunter2' })
    expect(attempt).toThrow(ConfigError)
    expect(attempt).toThrow(/API_TOKEN must be at least 16 characters/)
    expect(attempt).not.toThrow(/hunter2/)
  })
})
