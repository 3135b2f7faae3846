// Where /login sends a person afterwards: the `next` they came with when it is
// a path on this site, home otherwise, so a crafted link cannot lead away.
import { expect, test } from 'vitest'
import { safeNext } from '../../dashboard/src/access/safe-next.ts'

const ORIGIN = 'http://hall.example:8080'

test('a path on this site is kept, with its query and fragment', () => {
  expect(safeNext('/admin/displays?code=BCDFGHJK', ORIGIN)).toBe('/admin/displays?code=BCDFGHJK')
  expect(safeNext('/desk#today', ORIGIN)).toBe('/desk#today')
  expect(safeNext('/', ORIGIN)).toBe('/')
})

test('anything that could leave the site, or loop back to signing in, goes home', () => {
  for (const raw of [null, '', 'admin', 'https://evil.example/', '//evil.example/x', '/\\evil.example', '/\t/evil.example', 'javascript:alert(1)', '/login?next=/admin', '/setup']) {
    expect(safeNext(raw, ORIGIN), String(raw)).toBe('/')
  }
})
