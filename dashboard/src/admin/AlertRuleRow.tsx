// One alert rule: what it watches, its severity, whether it is on, and its
// thresholds as inputs; saved whole (the server checks the rule against the
// whole configuration) with every problem it finds shown under the row.
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type { Rule } from '../../../schemas/alerting-config.ts'
import { dateTime } from '../forms/when.ts'
import { t } from '../i18n/dictionary.ts'
import { thresholdFields, ruleSubject, withThresholds, type ThresholdField } from './alert-rule-fields.ts'
import { alertingApi, alertingKeys, type AlertingConfigAnswer } from './alerting-api.ts'
import { ProblemList } from './ProblemList.tsx'

const initial = (rule: Rule) => Object.fromEntries(thresholdFields(rule).map(({ field }) => [field, String((rule as Record<string, unknown>)[field] ?? '')]))

export function AlertRuleRow({ rule, edit }: { rule: Rule; edit: AlertingConfigAnswer['edits'][number] | undefined }) {
  const queryClient = useQueryClient()
  const [values, setValues] = useState<Partial<Record<ThresholdField, string>>>(() => initial(rule))
  const [enabled, setEnabled] = useState(rule.enabled !== false)
  const save = useMutation({
    mutationFn: () => alertingApi.putRule(withThresholds(rule, values, enabled)),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: alertingKeys.config }),
  })
  const dirty = enabled !== (rule.enabled !== false) || thresholdFields(rule).some(({ field }) => (values[field] ?? '') !== initial(rule)[field])
  return (
    <tr className={enabled ? undefined : 'row--muted'} data-rule={rule.id}>
      <td>
        <div>{rule.name}</div>
        <code className="hint">{rule.id}</code>
        {edit && <div className="hint">{t('alerting.editedBy', { by: edit.by, at: dateTime(edit.at) })}</div>}
      </td>
      <td>
        <span className={`state state--${rule.severity}`}>{t(`alerting.severity.${rule.severity}`)}</span>
      </td>
      <td>
        <code>{ruleSubject(rule)}</code>
      </td>
      <td>
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault()
            save.mutate()
          }}
        >
          <label className="threshold">
            <input type="checkbox" name="enabled" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
            {t('alerting.enabled')}
          </label>
          {thresholdFields(rule).map(({ field, optional }) => (
            <label key={field} className="threshold">
              <span>{field}</span>
              <input
                name={field}
                inputMode="decimal"
                size={6}
                placeholder={optional ? t('alerting.default') : undefined}
                value={values[field] ?? ''}
                onChange={(e) => setValues((v) => ({ ...v, [field]: e.target.value }))}
              />
            </label>
          ))}
          <button type="submit" className="button button--primary" disabled={!dirty || save.isPending}>
            {t('form.save')}
          </button>
          {save.isSuccess && !dirty && <span className="hint">{t('alerting.saved')}</span>}
        </form>
        <ProblemList error={save.error} />
      </td>
    </tr>
  )
}
