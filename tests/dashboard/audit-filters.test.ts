// The audit page's filters round-trip through its URL, and the local-time
// inputs through ISO instants, so a filtered view reloads as it was.
import { expect, test } from 'vitest'
import { filtersFrom, searchOf } from '../../dashboard/src/admin/audit-filters.ts'
import { fromLocalInput, toLocalInput } from '../../dashboard/src/admin/local-time-input.ts'
import { auditPath } from '../../dashboard/src/admin/admin-api.ts'

test('filters survive the URL, and empty ones are left out of it and of the API call', () => {
  const filters = { actor: 'alice', action: 'device.revoke', since: '2026-03-01T00:30:00.000Z', until: '', offset: 100 }
  expect(filtersFrom(searchOf(filters))).toEqual(filters)
  expect(searchOf({ ...filters, actor: '', offset: 0 }).toString()).toBe('action=device.revoke&since=2026-03-01T00%3A30%3A00.000Z')
  expect(auditPath(filters)).toBe('/api/v1/audit?actor=alice&action=device.revoke&since=2026-03-01T00%3A30%3A00.000Z&limit=50&offset=100')
  expect(filtersFrom(new URLSearchParams('offset=-5')).offset).toBe(0)
})

test('a local time from the input becomes an instant and back', () => {
  const iso = fromLocalInput('2026-03-01T08:30')
  expect(Date.parse(iso)).toBe(new Date(2026, 2, 1, 8, 30).getTime())
  expect(toLocalInput(iso)).toBe('2026-03-01T08:30')
  expect(fromLocalInput('')).toBe('')
  expect(toLocalInput('')).toBe('')
})
