// /admin/alerting: the alert rules in force (ALERTING_FILE, or the built-in
// set, with administrators' edits over it), each one's thresholds and
// enable flag changed in place; a reload of the file, which keeps the last
// good configuration and says why when the file is bad; and, to read, the
// receivers (secrets never leave the server), routes and escalation.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { ErrorNote } from '../forms/ErrorNote.tsx'
import { dateTime } from '../forms/when.ts'
import { t } from '../i18n/dictionary.ts'
import { alertingApi, alertingKeys, type AlertingConfigAnswer } from './alerting-api.ts'
import { AlertRuleRow } from './AlertRuleRow.tsx'
import { ProblemList } from './ProblemList.tsx'

function Reload() {
  const queryClient = useQueryClient()
  const reload = useMutation({ mutationFn: alertingApi.reload, onSuccess: () => void queryClient.invalidateQueries({ queryKey: alertingKeys.config }) })
  return (
    <div className="panel-card">
      <button type="button" className="button" disabled={reload.isPending} onClick={() => reload.mutate()}>
        {t('alerting.reload')}
      </button>
      {reload.isSuccess && <span className="hint"> {t('alerting.reloaded', { origin: reload.data.origin })}</span>}
      <ProblemList error={reload.error} />
    </div>
  )
}

/** Edits the file no longer fits: kept, not applied, until an edit of the same item that fits replaces them. */
function SetAside({ config }: { config: AlertingConfigAnswer }) {
  if (config.set_aside.length === 0) return null
  return (
    <div className="note note--warn" role="alert" data-testid="alerting-set-aside">
      <p>{t('alerting.setAside')}</p>
      <ul>
        {config.set_aside.map((s) => (
          <li key={`${s.section}:${s.id}`}>
            <code>{s.id ? `${s.section} ${s.id}` : s.section}</code> ({s.by}, {dateTime(s.at)}): {s.problems.join('; ')}
          </li>
        ))}
      </ul>
    </div>
  )
}

function Routing({ config }: { config: AlertingConfigAnswer }) {
  return (
    <div className="panel-card">
      <h2>{t('alerting.routing')}</h2>
      <ul data-testid="alerting-routes">
        {config.receivers.map((r) => (
          <li key={r.id}>
            <code>{r.id}</code> · {r.type}
          </li>
        ))}
      </ul>
      <ol>
        {config.routes.map((route, i) => (
          <li key={i}>
            <code>{JSON.stringify(route.match)}</code> → {route.receivers.join(', ')}
          </li>
        ))}
      </ol>
      <p className="hint">
        {config.escalation ? config.escalation.tiers.map((tier) => `${tier.after} → ${tier.notify.join(', ')}`).join(' · ') : t('alerting.noEscalation')}
      </p>
    </div>
  )
}

export function AlertingPage() {
  const query = useQuery({ queryKey: alertingKeys.config, queryFn: ({ signal }) => alertingApi.config(signal) })
  const config = query.data
  return (
    <section className="admin-page" data-testid="admin-alerting">
      <title>{t('admin.alerting')}</title>
      <h1>{t('admin.alerting')}</h1>
      <p className="hint">{config ? t('alerting.origin', { origin: config.origin }) : t('alerting.intro')}</p>
      <ErrorNote error={query.error} />
      <Reload />
      {config && <SetAside config={config} />}
      {config === undefined ? (
        query.isPending && <p className="hint">{t('form.loading')}</p>
      ) : (
        <>
          <div className="panel-card">
            <h2>{t('alerting.rules')}</h2>
            {config.rules.length === 0 ? (
              <p className="empty">{t('alerting.noRules')}</p>
            ) : (
              <table className="table" data-testid="alert-rules">
                <thead>
                  <tr>
                    <th>{t('alerting.rule')}</th>
                    <th>{t('alerting.severity')}</th>
                    <th>{t('alerting.watches')}</th>
                    <th>{t('alerting.thresholds')}</th>
                  </tr>
                </thead>
                <tbody>
                  {config.rules.map((rule) => (
                    // Keyed by the rule as stored, so that a saved or reloaded rule starts its inputs afresh.
                    <AlertRuleRow key={JSON.stringify(rule)} rule={rule} edit={config.edits.find((e) => e.section === 'rule' && e.id === rule.id)} />
                  ))}
                </tbody>
              </table>
            )}
          </div>
          <Routing config={config} />
        </>
      )}
    </section>
  )
}
