// A choice among the wall layouts the server has (GET /api/v1/layouts). The
// layout a display already has stays choosable even if its file is gone.
import { useQuery } from '@tanstack/react-query'
import { t } from '../i18n/dictionary.ts'
import { adminKeys, displaysApi } from './admin-api.ts'

export const DEFAULT_LAYOUT = 'default'

export function useLayoutNames(): { names: string[]; error: Error | null } {
  const query = useQuery({ queryKey: adminKeys.layouts, queryFn: ({ signal }) => displaysApi.layouts(signal), staleTime: 60_000 })
  return { names: query.data ?? [], error: query.error }
}

export function LayoutSelect({ value, onChange, names }: { value: string; onChange(layout: string): void; names: string[] }) {
  const options = names.includes(value) || value === '' ? names : [value, ...names]
  return (
    <select name="layout" value={value} onChange={(e) => onChange(e.target.value)} required>
      {options.length === 0 && <option value="">{t('displays.noLayouts')}</option>}
      {options.map((name) => (
        <option key={name} value={name}>
          {name}
        </option>
      ))}
    </select>
  )
}
