// Signing in at /login in a real browser against the real server: a person
// page without a session sends the browser to /login with where it was as
// `next`; a wrong password gets the server's message; the right one goes
// back to `next` (only ever a path on this site) with the shared header;
// signing out ends the session; a role a page is not for is told so; home
// lists one's sessions and changes one's password; /setup
// without its link says where the link is; and too many failures make the
// page count the server's Retry-After down.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startApp, type AppProcess } from '../support/app-process.ts'
import { launchBrowser, openPage, type WallPage } from '../support/browser.ts'
import { ADMIN, asPerson, createFirstAdmin, signIn, withoutAccessRefusals, type Person } from './access.ts'

const slow = { timeout: 120_000 }
const VIEWER: Person = { username: 'victor', display_name: 'Victor Viewer', password: 'another long pass phrase' }

let app: AppProcess
let browser: Browser

beforeAll(async () => {
  // Nothing here needs figures: no simulator, a quieter machine.
  app = await startApp({ env: { SIMULATOR: 'off' } })
  browser = await launchBrowser()
  const admin = await createFirstAdmin(app)
  await asPerson(app, admin, 'POST', '/api/v1/users', { ...VIEWER, role: 'viewer' })
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
})

async function signInOnPage(page: WallPage['page'], person: Person): Promise<void> {
  await page.locator('input[name="username"]').fill(person.username)
  await page.locator('input[name="password"]').fill(person.password)
  await page.locator('button[type="submit"]').click()
}

test('a wrong password is said, the right one goes back to next, signing out ends the session', slow, async () => {
  const tab = await openPage(browser, `${app.url}/admin/users?lang=en`, { width: 1280, height: 800 })
  const page = tab.page
  try {
    // The server sent the visitor without a session to sign in first.
    expect(page.url()).toBe(`${app.url}/login?next=${encodeURIComponent('/admin/users?lang=en')}`)

    await signInOnPage(page, { ...ADMIN, password: 'not the password at all' })
    await expect(page.locator('[data-testid="error"]').innerText()).resolves.toBe('wrong username or password')
    await expect(page.locator('input[name="password"]').inputValue()).resolves.toBe('')
    expect(new URL(page.url()).pathname).toBe('/login')

    await signInOnPage(page, ADMIN)
    await page.waitForURL(`${app.url}/admin/users?lang=en`, { timeout: 15_000 })
    await page.locator('[data-testid="admin-users"]').waitFor({ timeout: 10_000 })
    const header = await page.locator('[data-testid="signed-in-as"]').innerText()
    expect(header).toContain(ADMIN.display_name)
    expect(header).toContain('Administrator')
    await page.locator(`tr[data-user="${VIEWER.username}"]`).waitFor({ timeout: 10_000 })

    await page.locator('[data-testid="sign-out"]').click()
    await page.waitForURL(`${app.url}/login`, { timeout: 10_000 })
    // The session is gone on the server, not only in this page.
    await page.goto(`${app.url}/admin`)
    expect(page.url()).toBe(`${app.url}/login?next=%2Fadmin`)
    expect(withoutAccessRefusals(tab.errors)).toEqual([])
  } finally {
    await tab.close()
  }
})

test('a next that leaves the site goes home instead', slow, async () => {
  const tab = await openPage(browser, `${app.url}/login?next=${encodeURIComponent('//evil.example/steal')}`, { width: 1280, height: 800 })
  try {
    await signInOnPage(tab.page, ADMIN)
    await tab.page.waitForURL(`${app.url}/`, { timeout: 15_000 })
    await tab.page.locator('[data-testid="home"]').waitFor({ timeout: 10_000 })
    // An administrator's home lists every page.
    await expect(tab.page.locator('[data-page]').evaluateAll((links) => links.map((a) => a.getAttribute('data-page')))).resolves.toEqual(['/wall', '/reports', '/desk', '/lead', '/admin'])
  } finally {
    await tab.close()
  }
})

test('a viewer sees the pages of the role, is told the admin pages are not for it, and changes their password', slow, async () => {
  const tab = await openPage(browser, `${app.url}/login?next=%2Fadmin%2Fdisplays`, { width: 1280, height: 800 })
  try {
    await signInOnPage(tab.page, VIEWER)
    await tab.page.locator('[data-testid="role-refused"]').waitFor({ timeout: 15_000 })
    await tab.page.goto(`${app.url}/`)
    await tab.page.locator('[data-page]').first().waitFor({ timeout: 15_000 })
    await expect(tab.page.locator('[data-page]').evaluateAll((links) => links.map((a) => a.getAttribute('data-page')))).resolves.toEqual(['/wall', '/reports'])

    // Their own account: this browser's session listed, the password changed here.
    await tab.page.locator('[data-testid="my-sessions"] tr[data-session="current"]').waitFor({ timeout: 10_000 })
    const form = tab.page.locator('[data-testid="change-password"]')
    const renewed = 'a renewed viewer pass phrase'
    await form.locator('input[name="current_password"]').fill(VIEWER.password)
    await form.locator('input[name="new_password"]').fill(renewed)
    await form.locator('input[name="new_password_again"]').fill(renewed)
    await form.locator('button[type="submit"]').click()
    await form.locator('.note--ok').waitFor({ timeout: 10_000 })
    VIEWER.password = renewed
    await expect(signIn(app, VIEWER)).resolves.toMatchObject({ csrf: expect.any(String) })
    expect(tab.errors).toEqual([])
  } finally {
    await tab.close()
  }
})

test('/setup without the console link says where to find it', slow, async () => {
  const tab = await openPage(browser, `${app.url}/setup`, { width: 1280, height: 800 })
  try {
    await expect(tab.page.locator('[data-testid="setup-no-token"]').innerText()).resolves.toContain('/setup#token=')
    expect(tab.errors).toEqual([])
  } finally {
    await tab.close()
  }
})

// Last: the throttle counts failures per address too, and would slow the tests above.
test('after too many failed sign-ins the page waits out the Retry-After, counting down', slow, async () => {
  const tab = await openPage(browser, `${app.url}/login`, { width: 1280, height: 800 })
  const page = tab.page
  try {
    const submit = page.locator('button[type="submit"]')
    let status = 0
    for (let i = 0; i < 12 && status !== 429; i++) {
      const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'))
      await signInOnPage(page, { ...VIEWER, password: `wrong password number ${i}` })
      status = (await answered).status()
    }
    expect(status).toBe(429)
    await expect(page.locator('[data-testid="error"]').innerText()).resolves.toMatch(/too many failed sign-ins; try again in \d+ s/)
    expect(await submit.isDisabled()).toBe(true)
    const first = await submit.innerText()
    expect(first).toMatch(/请 \d+ 秒后再试/)
    await page.waitForTimeout(2_100)
    const later = await submit.innerText()
    expect(Number(/\d+/.exec(later)![0])).toBeLessThan(Number(/\d+/.exec(first)![0]))
  } finally {
    await tab.close()
  }
})
