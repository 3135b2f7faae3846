// A receiver's `to` or `mention` list made into people at the moment of a
// send: officers_on_duty, lead_on_duty and director from the roster as it
// stands then (on-duty.ts), user:<name> as named; each with the contacts the
// roster gives (mobile, WeCom user id, DingTalk mobile, email) and the
// display name of the users table (the username when there is no such user).
// Display names are read at most once a minute per person: a flush must not
// wait on the store for each message.
import type { StoreQueryable } from '../../../core/store/store.ts'
import type { Roster } from '../../../schemas/alerting-config.ts'
import type { Recipient } from '../notify/notifier.ts'
import { onDuty } from './on-duty.ts'

const NAMES_FRESH_MS = 60_000

export class RecipientResolver {
  private names = new Map<string, { name: string; at: number }>()

  constructor(private readonly deps: { store: StoreQueryable; roster: () => Roster | null; timeZone: string }) {}

  /** The usernames a list names at `at`, in order, each once. */
  usernames(spec: readonly string[], at: number): string[] {
    const duty = onDuty(this.deps.roster(), this.deps.timeZone, at)
    const names = spec.flatMap((item) => {
      if (item === 'officers_on_duty') return duty.officers
      if (item === 'lead_on_duty') return duty.lead ? [duty.lead] : []
      if (item === 'director') return duty.director ? [duty.director] : []
      return [item.slice('user:'.length)]
    })
    return [...new Set(names)]
  }

  async resolve(spec: readonly string[], at: number): Promise<Recipient[]> {
    return this.people(this.usernames(spec, at), at)
  }

  /** These users with their display names and the roster's contacts. */
  async people(usernames: readonly string[], at: number): Promise<Recipient[]> {
    const names = await this.displayNames(usernames, at)
    const contacts = this.deps.roster()?.contacts ?? {}
    return usernames.map((username) => ({ username, display_name: names.get(username) ?? username, ...contacts[username] }))
  }

  async displayNames(usernames: readonly string[], at: number): Promise<Map<string, string>> {
    const stale = usernames.filter((u) => (this.names.get(u)?.at ?? -Infinity) <= at - NAMES_FRESH_MS)
    if (stale.length > 0) {
      const rows = await this.deps.store.query<{ username: string; display_name: string }>('SELECT username, display_name FROM users WHERE username = ANY($1)', [stale])
      const found = new Map(rows.map((r) => [r.username, r.display_name]))
      for (const u of stale) this.names.set(u, { name: found.get(u) ?? u, at })
    }
    return new Map(usernames.map((u) => [u, this.names.get(u)?.name ?? u]))
  }
}
