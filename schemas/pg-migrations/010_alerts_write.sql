-- 010 alerts_write: the rule engine writes what a tick changed (whole
-- records, moved values, history) in one call of this function instead of
-- three statements. PL/pgSQL keeps the plans of its statements for the
-- session, so they are parsed and planned once rather than at every tick: on
-- the embedded store (PGlite runs on the server's own thread) planning the
-- three statements was about a third of the engine's write each tick
-- (`npm run bench:alerts`). People's actions write through it too, so one
-- text says how an alert is stored.
--
-- records: whole alerts, keyed like the columns of `alerts` (002), missing
-- keys stored as NULL; a migration that adds a column to `alerts` replaces
-- this function with that column in its SET list (tests/alert-store.test.ts
-- fails until it does). moved: id, value, threshold, summary, updated_at of
-- stored alerts whose value is all that changed: an in-place update.
-- history: entries appended in the order of `ord` (their ids follow it).
CREATE FUNCTION alerts_write(records jsonb, moved jsonb, history jsonb) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  -- Most ticks only move values: a statement with nothing to do is not run.
  IF jsonb_array_length(records) > 0 THEN
    INSERT INTO alerts SELECT * FROM jsonb_populate_recordset(NULL::alerts, records)
    ON CONFLICT (id) DO UPDATE SET
      fingerprint = EXCLUDED.fingerprint,
      rule_id = EXCLUDED.rule_id,
      rule_name = EXCLUDED.rule_name,
      rule_kind = EXCLUDED.rule_kind,
      severity = EXCLUDED.severity,
      scope_key = EXCLUDED.scope_key,
      labels = EXCLUDED.labels,
      state = EXCLUDED.state,
      summary = EXCLUDED.summary,
      value = EXCLUDED.value,
      threshold = EXCLUDED.threshold,
      annotations = EXCLUDED.annotations,
      started_at = EXCLUDED.started_at,
      pending_since = EXCLUDED.pending_since,
      fired_at = EXCLUDED.fired_at,
      resolved_at = EXCLUDED.resolved_at,
      clear_since = EXCLUDED.clear_since,
      acknowledged_by = EXCLUDED.acknowledged_by,
      acknowledged_name = EXCLUDED.acknowledged_name,
      acknowledged_at = EXCLUDED.acknowledged_at,
      acknowledged_comment = EXCLUDED.acknowledged_comment,
      resolved_by = EXCLUDED.resolved_by,
      resolved_by_at = EXCLUDED.resolved_by_at,
      resolved_comment = EXCLUDED.resolved_comment,
      silenced = EXCLUDED.silenced,
      inhibited_by = EXCLUDED.inhibited_by,
      escalation_tier = EXCLUDED.escalation_tier,
      escalation_next_at = EXCLUDED.escalation_next_at,
      updated_at = EXCLUDED.updated_at;
  END IF;
  IF jsonb_array_length(moved) > 0 THEN
    UPDATE alerts AS a
    SET value = m.value, threshold = m.threshold, summary = m.summary, updated_at = m.updated_at
    FROM jsonb_to_recordset(moved) AS m(id uuid, value double precision, threshold double precision, summary text, updated_at timestamptz)
    WHERE a.id = m.id;
  END IF;
  IF jsonb_array_length(history) > 0 THEN
    INSERT INTO alert_history (alert_id, at, kind, actor, comment, detail)
    SELECT h.alert_id, h.at, h.kind, h.actor, h.comment, h.detail
    FROM jsonb_to_recordset(history) AS h(ord integer, alert_id uuid, at timestamptz, kind text, actor text, comment text, detail jsonb)
    ORDER BY h.ord;
  END IF;
END
$$;
