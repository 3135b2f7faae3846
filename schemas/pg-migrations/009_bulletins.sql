-- 009 bulletins: the daily warning summaries and weekly bulletins (日预警、
-- 周通报, DOMAIN.md §4), each kept as it was computed: its figures are
-- "as of" its generation and never recomputed, so the page, the PDF, the
-- XLSX and the push all say the same thing, whenever they are read.
--
-- One bulletin per kind and period: the scheduler of every server process
-- computes the one due and inserts it with ON CONFLICT DO NOTHING, so
-- exactly one insert wins, also across restarts and with several servers;
-- only the winner pushes it. The id is the kind and the first day
-- (`daily-2026-12-01`), readable in links (/reports/<id>).
--
-- push says whether its summary goes to the leads' channel (scheduled ones
-- do; one a lead asks for does not); pushed_at and pushed_to record that it
-- went, so a process that stopped between the insert and the push sends it
-- on its next start (the notification pipeline's idempotency keys keep a
-- second copy from going out).
CREATE TABLE bulletins (
  id text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('daily', 'weekly')),
  period_start date NOT NULL,
  period_end date NOT NULL,
  generated_at timestamptz NOT NULL,
  generated_by text NOT NULL,
  figures jsonb NOT NULL,
  push boolean NOT NULL,
  pushed_at timestamptz,
  pushed_to text[],
  UNIQUE (kind, period_start),
  CHECK (period_end >= period_start)
);
CREATE INDEX bulletins_unpushed ON bulletins (generated_at) WHERE push AND pushed_at IS NULL;

-- A bulletin's push goes through the notification pipeline like an alert's
-- message, and its attempts are recorded beside theirs (with no alert ids),
-- under the reason 'notice'.
ALTER TABLE notification_attempts DROP CONSTRAINT notification_attempts_reason_check;
ALTER TABLE notification_attempts ADD CONSTRAINT notification_attempts_reason_check
  CHECK (reason IN ('firing', 'resolved', 'escalation', 'reminder', 'digest', 'notice'));
