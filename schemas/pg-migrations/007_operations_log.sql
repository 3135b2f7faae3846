-- 007 operations log: the shift's log (运行日志, DOMAIN.md §4): what duty
-- officers write (text, category, the entity it is about) and what the
-- system writes itself (an alert fired, acknowledged, escalated, resolved;
-- a supervision order issued, replied, overdue, closed; handovers; a display
-- dark; a source silent). The handover record lists the shift's notable
-- entries; the desk searches them by time, text, category and entity.
--
-- Append-only: an entry is never edited (a correction is a new entry), so
-- what a confirmed handover quoted stays true. The categories are the fixed
-- set of schemas/operations-log.ts. author is a username, or "system" for
-- the system's own entries, whose kind says what happened ("alert.firing",
-- "supervision.overdue", …; NULL for people's). A system entry carries a
-- dedup_key (e.g. the alert history row it reports), unique, so that an
-- entry written again after a restart, or by two servers, is written once.
--
-- Search: text is matched with ILIKE, because the full-text parser of
-- PostgreSQL splits no Chinese words ('simple' makes a whole run of Chinese
-- one token) and pg_trgm is an extension, which migrations here do not use.
-- The scan is bounded by the time range (at, the index below); entries are a
-- few hundred a shift.
CREATE TABLE operations_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL,
  category text NOT NULL CHECK (category IN ('shift', 'alert', 'supervision', 'outage', 'workorder', 'display', 'source', 'note')),
  text text NOT NULL CHECK (length(text) BETWEEN 1 AND 4000),
  target_type text,
  target_id text,
  author text NOT NULL,
  author_name text NOT NULL,
  kind text,
  -- Worth reading at the handover: every person's entry, and the system's
  -- that say something went wrong (a critical alert, an order overdue, a
  -- display dark, a source silent, a handover late).
  notable boolean NOT NULL,
  dedup_key text UNIQUE,
  CHECK ((target_type IS NULL) = (target_id IS NULL))
);

CREATE INDEX operations_log_at ON operations_log (at DESC, id DESC);
CREATE INDEX operations_log_target ON operations_log (target_id, at DESC) WHERE target_id IS NOT NULL;
