-- 008 handovers: the shift handover record (交接班, DOMAIN.md §4). The
-- outgoing lead hands over a shift with notes; the record keeps the draft
-- the system made of the shift's period (its KPIs against targets, alerts,
-- supervision orders, outages, notable log entries) as it stood at that
-- moment (content, a JSON document: what was handed over, not what the data
-- says later); the incoming lead confirms (接班确认).
--
-- One record per shift (shift_date, shift_id): handing over again before the
-- confirmation replaces notes and content; once confirmed the record is
-- frozen, and the row refuses any change (the trigger below), so what was
-- signed for cannot be edited by a later statement either: later news is a
-- new log entry. The reminder when a shift is still unconfirmed 30 minutes
-- after its boundary is not kept here: it is a log entry (once, by its
-- dedup_key) and an alert of the rule engine, which also cover a shift that
-- was never handed over at all (no row here).
CREATE TABLE handovers (
  id uuid PRIMARY KEY,
  shift_date date NOT NULL,
  shift_id text NOT NULL,
  shift_name text NOT NULL,
  -- The period the record describes: [period_from, period_to); period_to is
  -- the shift's end, or the moment of handing over when that came earlier.
  period_from timestamptz NOT NULL,
  period_to timestamptz NOT NULL,
  -- The shift's boundary: when the incoming shift takes over.
  boundary_at timestamptz NOT NULL,
  team text,
  outgoing_lead text,
  incoming_team text,
  incoming_lead text,
  notes text NOT NULL CHECK (length(notes) <= 8000),
  content jsonb NOT NULL,
  handed_over_by text NOT NULL,
  handed_over_name text NOT NULL,
  handed_over_at timestamptz NOT NULL,
  confirmed_by text,
  confirmed_name text,
  confirmed_at timestamptz,
  UNIQUE (shift_date, shift_id),
  CHECK ((confirmed_by IS NULL) = (confirmed_at IS NULL)),
  CHECK (period_to >= period_from)
);

CREATE INDEX handovers_handed_over_at ON handovers (handed_over_at DESC);

CREATE FUNCTION handovers_frozen() RETURNS trigger AS $$
BEGIN
  IF OLD.confirmed_at IS NOT NULL THEN
    RAISE EXCEPTION 'handover % is confirmed and frozen', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER handovers_frozen BEFORE UPDATE OR DELETE ON handovers
  FOR EACH ROW EXECUTE FUNCTION handovers_frozen();
