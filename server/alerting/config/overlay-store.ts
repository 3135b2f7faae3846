// The administrators' edits to the alerting configuration, as rows of
// alerting_config_overlay (migration 004): read them all, write one, remove
// one. Writes take a transaction-scoped advisory lock, so that two servers
// on one database (or two requests) never validate against an overlay the
// other is changing.
import type { StoreQueryable } from '../../../core/store/store.ts'

export type OverlaySection = 'rule' | 'receiver' | 'routes' | 'escalation' | 'roster'

export interface OverlayEdit {
  section: OverlaySection
  /** A rule's or receiver's id; '' for routes, escalation and the roster, edited whole. */
  item_id: string
  /** The item as edited; null: deleted (a tombstone over the file's item). */
  body: unknown
  edited_by: string
  edited_at: Date
}

// Any fixed number will do, as long as every process uses it: "cc-a".
const LOCK = 'SELECT pg_advisory_xact_lock(1667444065)'

export async function lockOverlay(tx: StoreQueryable): Promise<void> {
  await tx.query(LOCK)
}

export async function readOverlay(db: StoreQueryable): Promise<OverlayEdit[]> {
  return db.query<OverlayEdit & Record<string, unknown>>(
    'SELECT section, item_id, body, edited_by, edited_at FROM alerting_config_overlay ORDER BY added_seq',
  )
}

export async function writeOverlay(db: StoreQueryable, edit: OverlayEdit): Promise<void> {
  await db.query(
    `INSERT INTO alerting_config_overlay (section, item_id, body, edited_by, edited_at) VALUES ($1, $2, $3::jsonb, $4, $5)
     ON CONFLICT (section, item_id) DO UPDATE SET body = EXCLUDED.body, edited_by = EXCLUDED.edited_by, edited_at = EXCLUDED.edited_at`,
    // A JSON array must go as text: a bare array would be sent as a PostgreSQL array.
    [edit.section, edit.item_id, edit.body === null ? null : JSON.stringify(edit.body), edit.edited_by, edit.edited_at],
  )
}

export async function removeOverlay(db: StoreQueryable, section: OverlaySection, itemId: string): Promise<void> {
  await db.query('DELETE FROM alerting_config_overlay WHERE section = $1 AND item_id = $2', [section, itemId])
}
