// The administration pages in a real browser against the real server (in
// English, ?lang=en): people created with a role, their role changed,
// disabled and enabled, a password reset and their sessions ended; an API
// token made, shown once, working, and revoked; the audit log filtered
// through its URL. What each page does is checked against the server too.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startApp, type AppProcess } from '../support/app-process.ts'
import { launchBrowser, openPage, type WallPage } from '../support/browser.ts'
import { ADMIN, createFirstAdmin, type Person } from './access.ts'

const slow = { timeout: 120_000 }
const OFFICER: Person = { username: 'oscar', display_name: 'Oscar Officer', password: 'officer pass phrase one' }

let app: AppProcess
let browser: Browser
let tab: WallPage
let page: Page

beforeAll(async () => {
  app = await startApp({ env: { SIMULATOR: 'off' } })
  browser = await launchBrowser()
  await createFirstAdmin(app)
  tab = await openPage(browser, `${app.url}/login?next=${encodeURIComponent('/admin/users?lang=en')}`, { width: 1400, height: 900 })
  page = tab.page
  await page.locator('input[name="username"]').fill(ADMIN.username)
  await page.locator('input[name="password"]').fill(ADMIN.password)
  await page.locator('button[type="submit"]').click()
  await page.locator('[data-testid="admin-users"]').waitFor({ timeout: 15_000 })
})

afterAll(async () => {
  await tab?.close()
  await browser?.close()
  await app?.stop()
})

const userRow = (username: string) => page.locator(`tr[data-user="${username}"]`)

/** What the server answers a sign-in with these credentials (200, 401, 403). */
const signInStatus = (person: Person) =>
  fetch(`${app.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', connection: 'close' }, body: JSON.stringify({ username: person.username, password: person.password }) }).then((r) => r.status)

test('users: create with a role, change the role, disable and enable, reset the password, end the sessions', slow, async () => {
  const form = page.locator('[data-testid="new-user"]')
  await form.locator('input[name="username"]').fill(OFFICER.username)
  await form.locator('input[name="display_name"]').fill(OFFICER.display_name)
  await form.locator('select[name="role"]').selectOption('officer')
  // The server's own message for a password that breaks the rule.
  await form.locator('input[name="password"]').fill('too short')
  await form.locator('button[type="submit"]').click()
  await expect(form.locator('[data-testid="error"]').innerText()).resolves.toContain('at least 12 characters')
  await form.locator('input[name="password"]').fill(OFFICER.password)
  await form.locator('button[type="submit"]').click()
  const row = userRow(OFFICER.username)
  await row.waitFor({ timeout: 10_000 })
  await expect(row.locator('select[name="role"]').inputValue()).resolves.toBe('officer')
  await expect(signInStatus(OFFICER)).resolves.toBe(200)

  await row.locator('select[name="role"]').selectOption('lead')
  await expect.poll(() => fetchRole(OFFICER), { timeout: 10_000 }).toBe('lead')

  await row.getByRole('button', { name: 'Disable' }).click()
  await expect.poll(() => row.locator('.state').innerText(), { timeout: 10_000 }).toBe('Disabled')
  await expect(signInStatus(OFFICER)).resolves.toBe(403)
  await row.getByRole('button', { name: 'Enable' }).click()
  await expect.poll(() => row.locator('.state').innerText(), { timeout: 10_000 }).toBe('Active')

  const renewed = { ...OFFICER, password: 'a brand new pass phrase' }
  await row.getByRole('button', { name: 'Reset password' }).click()
  await row.locator('input[name="new_password"]').fill(renewed.password)
  await row.getByRole('button', { name: 'Save' }).click()
  await row.getByText('Password set; their sessions ended').waitFor({ timeout: 10_000 })
  await expect(signInStatus(OFFICER)).resolves.toBe(401)
  await expect(signInStatus(renewed)).resolves.toBe(200)

  await row.getByRole('button', { name: 'End sessions' }).click()
  await row.locator('[data-testid="confirm"]').click()
  await row.getByText(/Ended \d+ sessions/).waitFor({ timeout: 10_000 })
  // Chromium logs the refused short password's 400 as a failed resource; nothing else failed.
  expect(tab.errors).toEqual([expect.stringContaining('status of 400')])
  tab.errors.splice(0)
})

/** The role the server gives a person, read from their own sign-in. */
async function fetchRole(person: Person): Promise<string> {
  const response = await fetch(`${app.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', connection: 'close' }, body: JSON.stringify({ username: person.username, password: person.password }) })
  return ((await response.json()) as { user: { role: string } }).user.role
}

test('API tokens: made with scopes, shown once, working, then revoked', slow, async () => {
  await page.getByRole('link', { name: 'API tokens' }).click()
  const form = page.locator('[data-testid="new-token"]')
  await form.locator('input[name="name"]').fill('prometheus')
  await expect(form.locator('button[type="submit"]').isDisabled()).resolves.toBe(true)
  await form.locator('input[value="read"]').check()
  await form.locator('button[type="submit"]').click()

  const shown = page.locator('[data-testid="token-secret"]')
  await shown.waitFor({ timeout: 10_000 })
  await expect(shown.innerText()).resolves.toContain('shown this once')
  const secret = await shown.locator('[data-testid="token-value"]').inputValue()
  const read = (token: string) => fetch(`${app.url}/api/v1/kpis`, { headers: { authorization: `Bearer ${token}`, connection: 'close' } }).then((r) => r.status)
  await expect(read(secret)).resolves.toBe(200)
  await shown.getByRole('button', { name: 'Copy' }).click()
  await shown.locator('.note--ok, .note--warn').nth(1).waitFor({ timeout: 5_000 })
  await shown.getByRole('button', { name: 'Saved it, close' }).click()
  // Gone from the page; the list never holds it.
  await expect(page.locator('[data-testid="token-secret"]').count()).resolves.toBe(0)
  expect(await page.content()).not.toContain(secret)

  const row = page.locator('tr[data-token="prometheus"]')
  await row.waitFor({ timeout: 10_000 })
  await row.getByRole('button', { name: 'Revoke' }).click()
  await row.locator('[data-testid="confirm"]').click()
  await row.getByText(/Revoked by alice/).waitFor({ timeout: 10_000 })
  await expect(read(secret)).resolves.toBe(401)
  expect(tab.errors).toEqual([])
})

test('the audit log, filtered by action through its URL', slow, async () => {
  await page.getByRole('link', { name: 'Audit log' }).click()
  const table = page.locator('[data-testid="audit"]')
  await table.waitFor({ timeout: 10_000 })
  await page.locator('[data-testid="audit-filters"] input[name="action"]').fill('token.create')
  await page.locator('[data-testid="audit-filters"] button[type="submit"]').click()
  await page.waitForURL(/action=token.create/, { timeout: 10_000 })
  await expect.poll(() => table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action'))), { timeout: 10_000 }).toEqual(['token.create'])
  await expect(page.locator('[data-testid="audit-range"]').innerText()).resolves.toBe('1–1 of 1')

  // The same view after a reload, from the URL alone.
  await page.reload()
  await expect(page.locator('[data-testid="audit-filters"] input[name="action"]').inputValue()).resolves.toBe('token.create')
  await page.locator('[data-testid="audit-filters"] input[name="actor"]').fill('nobody-at-all')
  await page.locator('[data-testid="audit-filters"] button[type="submit"]').click()
  await page.locator('[data-testid="audit-empty"]').waitFor({ timeout: 10_000 })
  expect(tab.errors).toEqual([])
})
