// Who is on duty now (GET /api/v1/shifts/current, the alerting roster): the
// shift and its hours, the team, the lead, the officers and the director,
// each with a tap-to-call number where the roster gives one.
import type { DutyPerson } from '../../../schemas/current-shift.ts'
import { t } from '../i18n/dictionary.ts'
import { useCurrentShift } from './lead-queries.ts'

function Person({ person }: { person: DutyPerson }) {
  return (
    <li className="lead-roster__person" data-username={person.username}>
      <span className="lead-roster__name">{person.display_name}</span>
      {person.mobile && (
        <a className="lead__button lead-roster__call" href={`tel:${person.mobile}`} aria-label={t('lead.call', { m: person.mobile })}>
          ☎ {person.mobile}
        </a>
      )}
    </li>
  )
}

function Role({ title, people }: { title: string; people: DutyPerson[] }) {
  return (
    <div className="lead-roster__role">
      <h3>{title}</h3>
      {people.length === 0 ? (
        <p className="hint">{t('lead.nobody')}</p>
      ) : (
        <ul>
          {people.map((p) => (
            <Person key={p.username} person={p} />
          ))}
        </ul>
      )}
    </div>
  )
}

export function ShiftRoster() {
  const query = useCurrentShift()
  const duty = query.data
  return (
    <section className="desk__card lead__card" data-testid="lead-roster" aria-label={t('lead.roster')}>
      <header className="lead__card-head">
        <h2>{t('lead.roster')}</h2>
      </header>
      {query.isError && <p className="hint" role="alert">{t('lead.rosterFailed', { m: query.error.message })}</p>}
      {duty === undefined ? (
        !query.isError && <p className="hint">{t('lead.rosterLoading')}</p>
      ) : duty.shift === null ? (
        <p className="hint" data-testid="no-shift">
          {t('lead.noShift')}
        </p>
      ) : (
        <>
          <p className="lead-roster__shift" data-testid="shift-name">
            <strong>{duty.shift.name}</strong> {t('lead.shiftTimes', { date: duty.shift.date, start: duty.shift.start, end: duty.shift.end })}
            {duty.team && ` · ${t('lead.team', { team: duty.team })}`}
          </p>
          <Role title={t('lead.rosterLead')} people={duty.lead ? [duty.lead] : []} />
          <Role title={t('lead.rosterOfficers')} people={duty.officers} />
          <Role title={t('lead.rosterDirector')} people={duty.director ? [duty.director] : []} />
        </>
      )}
    </section>
  )
}
