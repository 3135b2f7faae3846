// The configuration in force: the file's, with the administrators' edits
// laid over it. An edited rule or receiver replaces the file's of that id in
// its place, a tombstone removes it, one the file does not have comes after
// the file's; routes, escalation and the roster, edited whole, replace the
// file's whole. What the API shows beside each item: where it comes from.
import type { AlertingFile, Receiver, Rule } from '../../../schemas/alerting-config.ts'
import type { OverlayEdit, OverlaySection } from './overlay-store.ts'

export interface EditMark {
  id: string
  /** edited: the file's item changed; added: not in the file; deleted: the file's item removed. */
  state: 'edited' | 'added' | 'deleted'
  by: string
  at: string
}

function mergeItems<T extends { id: string }>(fromFile: T[], edits: OverlayEdit[], section: 'rule' | 'receiver'): T[] {
  const own = edits.filter((e) => e.section === section)
  const byId = new Map(own.map((e) => [e.item_id, e]))
  const fileIds = new Set(fromFile.map((item) => item.id))
  const kept = fromFile.flatMap((item) => {
    const edit = byId.get(item.id)
    if (!edit) return [item]
    return edit.body === null ? [] : [edit.body as T]
  })
  const added = own.filter((e) => !fileIds.has(e.item_id) && e.body !== null).map((e) => e.body as T)
  return [...kept, ...added]
}

function whole(edits: OverlayEdit[], section: OverlaySection): OverlayEdit | undefined {
  return edits.find((e) => e.section === section)
}

export function mergeOverlay(file: AlertingFile, edits: OverlayEdit[]): AlertingFile {
  const merged: AlertingFile = {
    rules: mergeItems<Rule>(file.rules, edits, 'rule'),
    receivers: mergeItems<Receiver>(file.receivers ?? [], edits, 'receiver'),
    routes: (whole(edits, 'routes')?.body as AlertingFile['routes']) ?? file.routes ?? [],
  }
  const escalation = whole(edits, 'escalation')
  const roster = whole(edits, 'roster')
  if (escalation ? escalation.body !== null : file.escalation) merged.escalation = (escalation?.body ?? file.escalation) as AlertingFile['escalation']
  if (roster ? roster.body !== null : file.roster) merged.roster = (roster?.body ?? file.roster) as AlertingFile['roster']
  return merged
}

/** Which of a section's items the administrators changed, and how. */
export function editMarks(file: AlertingFile, edits: OverlayEdit[], section: OverlaySection): EditMark[] {
  const fileIds = new Set<string>(section === 'rule' ? file.rules.map((r) => r.id) : section === 'receiver' ? (file.receivers ?? []).map((r) => r.id) : [])
  return edits
    .filter((e) => e.section === section)
    .map((e) => ({
      id: e.item_id,
      state: e.body === null ? 'deleted' : fileIds.has(e.item_id) || e.item_id === '' ? 'edited' : 'added',
      by: e.edited_by,
      at: e.edited_at.toISOString(),
    }))
}
