// A choice among the roles of people, named as the screens name them.
import { PERSON_ROLES, type PersonRole } from '../../../schemas/roles.ts'
import { roleLabel } from '../access/role-label.ts'

export function RoleSelect({ value, onChange, disabled = false, label }: { value: PersonRole; onChange(role: PersonRole): void; disabled?: boolean; label?: string }) {
  return (
    <select name="role" value={value} disabled={disabled} aria-label={label} onChange={(e) => onChange(e.target.value as PersonRole)}>
      {PERSON_ROLES.map((role) => (
        <option key={role} value={role}>
          {roleLabel(role)}
        </option>
      ))}
    </select>
  )
}
