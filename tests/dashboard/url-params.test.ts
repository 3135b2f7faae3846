// What the dashboard takes from its URL, read when the app starts or a page
// mounts: the language, and a wall's layout and refresh. (No credential ever
// rides in a URL: the session is a cookie.)
import { expect, test } from 'vitest'
import { langFromSearch } from '../../dashboard/src/i18n/lang.ts'
import { wallParams } from '../../dashboard/src/wall/wall-params.ts'

test('the language is zh-CN unless the URL says ?lang=en', () => {
  expect(langFromSearch('')).toBe('zh')
  expect(langFromSearch('?lang=en')).toBe('en')
  expect(langFromSearch('?layout=x&lang=en')).toBe('en')
  expect(langFromSearch('?lang=fr')).toBe('zh')
})

test('a wall shows ?layout= (default otherwise) and fetches it every ?layout_refresh= seconds within 5 to 3600', () => {
  expect(wallParams(new URLSearchParams(''))).toEqual({ layout: 'default', refreshMs: 60_000, muted: false })
  expect(wallParams(new URLSearchParams('?layout=hall-3x2&layout_refresh=5'))).toEqual({ layout: 'hall-3x2', refreshMs: 5_000, muted: false })
  for (const refused of ['4', '3601', '2.5', 'soon']) {
    expect(wallParams(new URLSearchParams(`?layout_refresh=${refused}`)).refreshMs).toBe(60_000)
  }
})

test('?muted=1 keeps a wall silent whatever its layout says about the alert tone', () => {
  expect(wallParams(new URLSearchParams('?muted=1')).muted).toBe(true)
  expect(wallParams(new URLSearchParams('?muted=0')).muted).toBe(false)
})
