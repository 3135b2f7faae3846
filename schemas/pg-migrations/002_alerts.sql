-- 002 alerts: the alerts the rule engine raised (server/alerting/engine),
-- every transition of each with who, when, why and the value (kept
-- forever: the 预警事件处理历史记录 of DOMAIN.md §3), and the silences leads
-- set for planned work. PostgreSQL holds them because acknowledging needs a
-- row that two people cannot both take, and a restart must find every open
-- alert with its clocks: when its hold began (pending_since) and when its
-- value went past clear (clear_since, the keep-firing clock). ClickHouse
-- gets an append-only copy of the transitions for analysis (its migration
-- 011). Notification attempts are the pipeline's (003).

CREATE TABLE alerts (
  id uuid PRIMARY KEY,
  -- Stable per rule and scope: the same problem is always the same fingerprint.
  fingerprint text NOT NULL,
  rule_id text NOT NULL,
  rule_name text NOT NULL,
  rule_kind text NOT NULL CHECK (rule_kind IN ('kpi', 'change', 'unexplained_surge', 'entity', 'data')),
  severity text NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
  -- The scope within the rule ('' for its total, a region code, an order id).
  scope_key text NOT NULL,
  labels jsonb NOT NULL,
  state text NOT NULL CHECK (state IN ('pending', 'firing', 'acknowledged', 'resolved')),
  summary text NOT NULL,
  value double precision,
  threshold double precision,
  annotations jsonb NOT NULL DEFAULT '{}',
  started_at timestamptz NOT NULL,
  pending_since timestamptz,
  fired_at timestamptz,
  resolved_at timestamptz,
  clear_since timestamptz,
  acknowledged_by text,
  acknowledged_name text,
  acknowledged_at timestamptz,
  acknowledged_comment text,
  resolved_by text,
  resolved_by_at timestamptz,
  resolved_comment text,
  silenced boolean NOT NULL DEFAULT false,
  inhibited_by uuid,
  escalation_tier integer NOT NULL DEFAULT 0,
  escalation_next_at timestamptz,
  updated_at timestamptz NOT NULL,
  CHECK ((acknowledged_by IS NULL) = (acknowledged_at IS NULL))
);
-- One open alert per problem: a second one for the same fingerprint is a defect, refused.
CREATE UNIQUE INDEX alerts_open_fingerprint ON alerts (fingerprint) WHERE state <> 'resolved';
CREATE INDEX alerts_state ON alerts (state, severity);
CREATE INDEX alerts_resolved_at ON alerts (resolved_at DESC) WHERE state = 'resolved';
CREATE INDEX alerts_rule ON alerts (rule_id);

CREATE TABLE alert_history (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  alert_id uuid NOT NULL REFERENCES alerts (id),
  at timestamptz NOT NULL,
  kind text NOT NULL CHECK (kind IN ('pending', 'firing', 'reopened', 'acknowledged', 'commented', 'escalated', 'resolved', 'silenced', 'unsilenced', 'inhibited', 'released')),
  -- A person's username, or "engine" for what the rules decided.
  actor text NOT NULL,
  comment text,
  detail jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX alert_history_alert ON alert_history (alert_id, id);

CREATE TABLE silences (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Label values (severity and rule among them) an alert must all have.
  matchers jsonb NOT NULL,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  comment text NOT NULL CHECK (length(comment) BETWEEN 1 AND 1000),
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  -- Ended early by hand (DELETE): who and when; ends_at is then that moment.
  expired_by text,
  expired_at timestamptz,
  CHECK (ends_at >= starts_at)
);
CREATE INDEX silences_ends_at ON silences (ends_at);
