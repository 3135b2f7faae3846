// The pages explain the password rule from schemas/password-rule.ts before
// the server judges by its own constants: the two must say the same.
import { expect, test } from 'vitest'
import * as shared from '../schemas/password-rule.ts'
import { PASSWORD_MAX, PASSWORD_MIN, passwordProblem } from '../server/auth/passwords.ts'

test('the rule the pages explain is the rule the server enforces', () => {
  expect([shared.PASSWORD_MIN, shared.PASSWORD_MAX]).toEqual([PASSWORD_MIN, PASSWORD_MAX])
  const shortest = 'x'.repeat(shared.PASSWORD_MIN - 1) + '🔒'
  expect(shared.passwordLength(shortest)).toBe(PASSWORD_MIN)
  expect(passwordProblem(shortest)).toBeNull()
  expect(passwordProblem(shortest.slice(0, -2))).toMatch(/at least/)
})
