// The administrators' edits laid over a file that may have changed under
// them (a receiver an edited route names is gone from the file, a region
// left the territory). Each edit that still fits is applied, in the order
// they were made; one that no longer fits is set aside with its problems,
// kept in the store, and named in the log and the API until someone fixes
// it. A server therefore always starts on a good file, and loses no edit
// that is still valid.
import type { AlertingFile } from '../../../schemas/alerting-config.ts'
import { configProblems, type CheckContext } from './check-config.ts'
import { mergeOverlay } from './merge.ts'
import type { OverlayEdit } from './overlay-store.ts'
import { describeProblem } from './problems.ts'

export interface SetAside {
  edit: OverlayEdit
  /** Each problem as one line, against the configuration it would have made. */
  problems: string[]
}

export interface Fitted {
  merged: AlertingFile
  setAside: SetAside[]
}

export const editKey = (e: Pick<OverlayEdit, 'section' | 'item_id'>) => `${e.section}:${e.item_id}`

export function fitEdits(file: AlertingFile, edits: OverlayEdit[], ctx: CheckContext): Fitted {
  const all = mergeOverlay(file, edits)
  if (edits.length === 0 || configProblems(all, ctx).length === 0) return { merged: all, setAside: [] }
  const kept: OverlayEdit[] = []
  const setAside: SetAside[] = []
  for (const edit of edits) {
    const candidate = mergeOverlay(file, [...kept, edit])
    const problems = configProblems(candidate, ctx)
    if (problems.length === 0) kept.push(edit)
    else setAside.push({ edit, problems: problems.map((p) => describeProblem(p, candidate)) })
  }
  return { merged: mergeOverlay(file, kept), setAside }
}

/** How a set-aside edit is named to a person. */
export function describeSetAside({ edit, problems }: SetAside): string {
  const what = edit.item_id ? `${edit.section} ${edit.item_id}` : edit.section
  return `the edit of ${what} (by ${edit.edited_by}, ${edit.edited_at.toISOString()}) is not applied, it no longer fits: ${problems.join('; ')}`
}
