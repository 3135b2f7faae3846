-- 003 notifications: what the notification pipeline (server/alerting/notify)
-- told whom, so that a restart or a reload of the alerting configuration
-- never sends again what was sent (prometheus/alertmanager#627), and every
-- attempt to reach someone is kept on the alerts it was about.
--
-- notification_log is Alertmanager's nflog as a table: per receiver and
-- aggregation group, the alerts last sent as firing and as resolved, and
-- when. Alerts by id rather than by fingerprint: an alert is one life of one
-- problem, so a row left by an alert never seen to resolve (the server was
-- down past the flap window) cannot hide the next alert of that problem.
-- The pipeline decides from it whether a group flush has anything new to say
-- (docs/alerting/pipeline.md, "Dedup"); one row per receiver and group,
-- overwritten by every successful send and never by an older one.
--
-- notification_deliveries holds one row per idempotency key: claimed
-- ('sending') before the first attempt, then 'sent' or 'failed'. A key
-- recorded as sent is never sent again, by this process or the next one; a
-- crash between a send and its record leaves 'sending', which the next start
-- sends at most once more under the same key. Rows are short-lived (a day):
-- keys name the log's previous send, so they never recur while the log
-- remembers it.
--
-- notification_attempts is every attempt (the alert's detail lists it): the
-- alerts it carried, the receiver, why, the attempt's number, what came of it
-- and the vendor's answer when it failed (never a secret). Kept forever, like
-- the alerts' history. The GIN index serves `alert_ids @> ARRAY[$1::uuid]`.
-- No foreign key to the alerts: a digest or an escalation names many.

CREATE TABLE notification_log (
  receiver_id text NOT NULL,
  group_key text NOT NULL,
  firing text[] NOT NULL,
  resolved text[] NOT NULL,
  sent_at timestamptz NOT NULL,
  PRIMARY KEY (receiver_id, group_key)
);
CREATE INDEX notification_log_sent_at ON notification_log (sent_at);

CREATE TABLE notification_deliveries (
  key text PRIMARY KEY,
  receiver_id text NOT NULL,
  state text NOT NULL CHECK (state IN ('sending', 'sent', 'failed')),
  updated_at timestamptz NOT NULL
);
CREATE INDEX notification_deliveries_updated_at ON notification_deliveries (updated_at);

CREATE TABLE notification_attempts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL,
  alert_ids uuid[] NOT NULL,
  receiver_id text NOT NULL,
  receiver_type text NOT NULL,
  reason text NOT NULL CHECK (reason IN ('firing', 'resolved', 'escalation', 'reminder', 'digest')),
  attempt integer NOT NULL CHECK (attempt >= 1),
  outcome text NOT NULL CHECK (outcome IN ('sent', 'failed', 'retrying')),
  error text,
  key text NOT NULL
);
CREATE INDEX notification_attempts_alert_ids ON notification_attempts USING gin (alert_ids);
CREATE INDEX notification_attempts_key ON notification_attempts (key);
