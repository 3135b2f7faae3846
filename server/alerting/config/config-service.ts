// The alerting configuration in force (AlertingConfigSource): the file
// (ALERTING_FILE, or the built-in default set) with the administrators'
// edits laid over it, kept in the store. Opening it checks both: a bad file
// stops the start (a ConfigError, one line); an edit that no longer fits the
// file is set aside, logged and shown (fit-edits.ts), never silently lost. A reload (SIGHUP, POST /api/v1/alerting/reload) reads the file
// again and keeps the last good configuration when the new one is bad; an
// edit is checked with the same checks as the file before it is stored.
// Listeners hear of every change that took effect, never of one refused.
import type { Env } from '../../../core/env.ts'
import type { Store, StoreQueryable } from '../../../core/store/store.ts'
import type { AlertingFile, Escalation, Receiver, Roster, Route, Rule } from '../../../schemas/alerting-config.ts'
import type { Territory } from '../../../schemas/territory.ts'
import { configProblems, type CheckContext } from './check-config.ts'
import type { AlertingConfig, AlertingConfigSource } from './config-source.ts'
import { stringsOf } from './env-refs.ts'
import { fitEdits, describeSetAside, editKey, type Fitted, type SetAside } from './fit-edits.ts'
import { readAlertingFile } from './load-file.ts'
import { editMarks, mergeOverlay, type EditMark } from './merge.ts'
import { lockOverlay, readOverlay, removeOverlay, writeOverlay, type OverlayEdit, type OverlaySection } from './overlay-store.ts'
import { AlertingConfigInvalid, describeProblem, fieldOf, type Problem } from './problems.ts'
import { MASK, unmaskReceiver } from './secrets.ts'

export interface AlertingConfigLogger {
  info(msg: string): void
  error(obj: object, msg: string): void
}

export interface AlertingConfigServiceOptions {
  /** ALERTING_FILE; the built-in default set when undefined. */
  file: string | undefined
  territory: Territory
  /** Where ${VAR} references are looked up (process.env in production). */
  env: Env
  store: Store
  logger: AlertingConfigLogger
  now: () => Date
}

/**
 * A change through the API: one rule or receiver by id (null body: delete
 * it), escalation or the roster whole (null: none), or the routes as a new
 * list made from the routes in force (computed under the lock, so two edits
 * of one list never lose each other's).
 */
export type AlertingEdit =
  | { section: 'rule' | 'receiver'; id: string; body: unknown }
  | { section: 'escalation' | 'roster'; body: unknown }
  | { section: 'routes'; update: (routes: Route[]) => unknown }

export type ReloadResult = { ok: true; config: AlertingConfig } | { ok: false; error: AlertingConfigInvalid }

/** The edit names a rule or receiver that does not exist. */
export class AlertingItemNotFound extends Error {
  override name = 'AlertingItemNotFound'
}

export class AlertingConfigService implements AlertingConfigSource {
  private readonly listeners: Array<(config: AlertingConfig) => void> = []
  private readonly ctx: CheckContext
  private config!: AlertingConfig
  /** The file as last loaded, the edits over it, the two merged (as written: ${VAR} not expanded), and the edits that no longer fit. */
  private state!: { file: AlertingFile; edits: OverlayEdit[]; merged: AlertingFile; setAside: SetAside[] }
  /** Edits and reloads one at a time, each on the state the previous one left. */
  private queue: Promise<unknown> = Promise.resolve()

  private constructor(private readonly opts: AlertingConfigServiceOptions) {
    this.ctx = { territory: opts.territory, env: opts.env }
  }

  /** Loads the file and the edits over it; throws AlertingConfigInvalid (a ConfigError) when the file is bad. Edits that no longer fit are set aside and logged. */
  static async open(opts: AlertingConfigServiceOptions): Promise<AlertingConfigService> {
    const service = new AlertingConfigService(opts)
    const file = readAlertingFile(opts.file, service.ctx)
    const edits = await readOverlay(opts.store)
    service.adopt(file, edits, fitEdits(file, edits, service.ctx))
    opts.logger.info(`alerting configuration: ${service.config.origin}: ${service.summary()}`)
    return service
  }

  current(): AlertingConfig {
    return this.config
  }

  onChange(listener: (config: AlertingConfig) => void): void {
    this.listeners.push(listener)
  }

  /** The configuration in force as written (${VAR} not expanded, secrets included): for the API, which masks them. */
  written(): AlertingFile {
    return this.state.merged
  }

  /** The administrators' edits that no longer fit the file and are not applied, each with its problems. */
  setAside(): SetAside[] {
    return this.state.setAside
  }

  /** What the administrators changed in a section, with who and when. */
  edits(section: OverlaySection): EditMark[] {
    return editMarks(this.state.file, this.state.edits, section)
  }

  /** Reads the file again (and the edits, which another server may have changed); a bad one is logged and the last good one kept. */
  reload(): Promise<ReloadResult> {
    return this.serially(async () => {
      try {
        const file = readAlertingFile(this.opts.file, this.ctx)
        const edits = await readOverlay(this.opts.store)
        this.adopt(file, edits, fitEdits(file, edits, this.ctx))
        this.opts.logger.info(`alerting configuration reloaded: ${this.config.origin}: ${this.summary()}`)
        return { ok: true, config: this.config }
      } catch (err) {
        if (!(err instanceof AlertingConfigInvalid)) throw err
        this.opts.logger.error({ problems: err.problems }, `alerting configuration not reloaded, the last good one stays in force: ${err.message}`)
        return { ok: false, error: err }
      }
    })
  }

  /**
   * Checks an edit against the configuration it would make and stores it;
   * `record` runs in the same transaction with what is stored (the audit
   * entry commits with the edit). Throws AlertingConfigInvalid (each problem one line, no line
   * numbers) or AlertingItemNotFound. Returns the item or section as stored.
   */
  edit(change: AlertingEdit, by: string, record?: (tx: StoreQueryable, stored: unknown) => Promise<void>): Promise<unknown> {
    return this.serially(async () => {
      const { edits, stored, fitted } = await this.opts.store.transaction(async (tx) => {
        await lockOverlay(tx)
        const current = await readOverlay(tx)
        const row = this.rowFor(change, current, by)
        // In place when the item was edited before: the store keeps its first place (added_seq).
        const replaced = current.some((e) => editKey(e) === editKey(row))
        const next = replaced ? current.map((e) => (editKey(e) === editKey(row) ? row : e)) : [...current, row]
        const droppable = row.body === null && !this.inFile(row)
        const candidate = droppable ? next.filter((e) => e !== row) : next
        const fitted = this.checkEdit(change, current, candidate, row)
        if (droppable) await removeOverlay(tx, row.section, row.item_id)
        else await writeOverlay(tx, row)
        await record?.(tx, row.body)
        return { edits: candidate, stored: row.body, fitted }
      })
      this.adopt(this.state.file, edits, fitted)
      return stored
    })
  }

  private serially<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn)
    this.queue = run.catch(() => undefined)
    return run
  }

  /** Whether the file has what the row edits: a tombstone is needed to remove it, otherwise removing the row is enough. */
  private inFile(row: OverlayEdit): boolean {
    const { file } = this.state
    if (row.section === 'rule') return file.rules.some((item) => item.id === row.item_id)
    if (row.section === 'receiver') return (file.receivers ?? []).some((item) => item.id === row.item_id)
    return file[row.section] !== undefined
  }

  /**
   * The overlay row an edit makes; an id in the body must be the URL's, and a
   * missing one is taken from it. Routes are updated from the list in force;
   * an item to delete or unmask may also be one only a set-aside edit has.
   */
  private rowFor(change: AlertingEdit, current: OverlayEdit[], by: string): OverlayEdit {
    const edited_at = this.opts.now()
    const inForce = fitEdits(this.state.file, current, this.ctx).merged
    const written = mergeOverlay(this.state.file, current)
    if (change.section === 'routes') {
      return { section: 'routes', item_id: '', body: change.update(structuredClone(inForce.routes ?? [])), edited_by: by, edited_at }
    }
    if (!('id' in change)) {
      if (change.body === null && inForce[change.section] === undefined && written[change.section] === undefined) throw new AlertingItemNotFound(`there is no ${change.section} to delete`)
      return { section: change.section, item_id: '', body: change.body, edited_by: by, edited_at }
    }
    const find = (config: AlertingFile) => (change.section === 'rule' ? config.rules : (config.receivers ?? [])).find((item: Rule | Receiver) => item.id === change.id)
    const existing = find(inForce) ?? find(written)
    if (change.body === null) {
      if (!existing) throw new AlertingItemNotFound(`no ${change.section} ${change.id}`)
      return { section: change.section, item_id: change.id, body: null, edited_by: by, edited_at }
    }
    let body: unknown = change.body
    if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
      const given = (body as { id?: unknown }).id
      if (given !== undefined && given !== change.id) {
        throw new AlertingConfigInvalid([`id: ${JSON.stringify(given)} differs from the id in the address (${change.id}); to rename, add the new one and delete the old`], '')
      }
      body = { ...body, id: change.id }
      if (change.section === 'receiver') body = unmaskReceiver(body, existing as Receiver | undefined)
    }
    return { section: change.section, item_id: change.id, body, edited_by: by, edited_at }
  }

  /**
   * The configuration the edit would make, checked whole (an edit may break
   * a reference elsewhere: a route naming a deleted receiver). A problem
   * inside the edited rule or receiver is named by its field in the body
   * (`clear`), anything else by its place in the configuration. While some
   * edits are set aside (they no longer fit the file), an edit is taken when
   * it sets no other edit aside and fits itself (it may be the fix of one).
   */
  private checkEdit(change: AlertingEdit, current: OverlayEdit[], edits: OverlayEdit[], row: OverlayEdit): Fitted {
    const candidate = mergeOverlay(this.state.file, edits)
    const problems: Problem[] = configProblems(candidate, this.ctx)
    const item = 'id' in change && change.body !== null ? this.itemPath(candidate, change) : null
    const masked: string[] = []
    if (change.section === 'receiver' && item) {
      for (const { path } of stringsOf(candidate.receivers?.[item[1]]).filter((s) => s.text.includes(MASK))) {
        masked.push(`${fieldOf(path)}: is masked (${MASK}): send the value itself, or a \${VAR} reference`)
      }
    }
    if (problems.length === 0 && masked.length === 0) return { merged: candidate, setAside: [] }
    const inItem = (p: Problem) => item !== null && p.path[0] === item[0] && p.path[1] === item[1]
    const named = (p: Problem) => (inItem(p) ? describeProblem({ path: p.path.slice(2), message: p.message }, null).replace(/^\(file\)/, '(body)') : describeProblem(p, candidate))
    if (masked.length > 0 || this.state.setAside.length === 0) {
      throw new AlertingConfigInvalid([...masked, ...problems.map(named)], '')
    }
    const before = new Set(fitEdits(this.state.file, current, this.ctx).setAside.map((s) => editKey(s.edit)))
    const fitted = fitEdits(this.state.file, edits, this.ctx)
    const newly = fitted.setAside.filter((s) => !before.has(editKey(s.edit)) || editKey(s.edit) === editKey(row))
    if (newly.length > 0) throw new AlertingConfigInvalid(newly.flatMap((s) => s.problems), '')
    return fitted
  }

  private itemPath(candidate: AlertingFile, change: { section: 'rule' | 'receiver'; id: string }): ['rules' | 'receivers', number] | null {
    const section = change.section === 'rule' ? 'rules' : 'receivers'
    const index = (candidate[section] ?? []).findIndex((r) => r.id === change.id)
    return index === -1 ? null : [section, index]
  }

  private adopt(file: AlertingFile, edits: OverlayEdit[], { merged, setAside }: Fitted): void {
    this.state = { file, edits, merged, setAside }
    for (const misfit of setAside) this.opts.logger.error({ problems: misfit.problems }, `alerting configuration: ${describeSetAside(misfit)}; fix it through the API or change the file`)
    const applied = edits.length - setAside.length
    const base = this.opts.file ?? 'built-in defaults'
    this.config = {
      rules: merged.rules,
      // As written: each channel reads its ${VAR} references when it builds the receiver
      // (notify/channels/expand-env.ts), so the values stay out of anything that logs this.
      receivers: merged.receivers ?? [],
      routes: merged.routes ?? [],
      escalation: (merged.escalation as Escalation | undefined) ?? null,
      roster: (merged.roster as Roster | undefined) ?? null,
      origin:
        (applied > 0 ? `${base} + ${applied} edit${applied > 1 ? 's' : ''} through the API` : base) +
        (setAside.length > 0 ? ` (${setAside.length} edit${setAside.length > 1 ? 's' : ''} set aside: ${setAside.length > 1 ? 'they no longer fit' : 'it no longer fits'})` : ''),
    }
    for (const listener of this.listeners) {
      try {
        listener(this.config)
      } catch (err) {
        this.opts.logger.error({ err }, 'an alerting configuration listener failed')
      }
    }
  }

  private summary(): string {
    const c = this.config
    return `${c.rules.length} rules, ${c.receivers.length} receivers, ${c.routes.length} routes, escalation ${c.escalation ? `in ${c.escalation.tiers.length} tiers` : 'off'}, roster ${c.roster ? `of ${c.roster.shifts.length} shifts` : 'none'}`
  }
}
