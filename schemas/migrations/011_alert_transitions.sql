-- 011 alert transitions: an append-only copy of every alert's history
-- (PostgreSQL keeps the record, migration 002 of the operational store),
-- with what each alert is about beside it, for the bulletins' figures: time
-- to acknowledge and to resolve (firing → acknowledged, → resolved, per
-- alert), alerts per rule, region and severity, who acted how often. Rows
-- are copied by the history's id after they are written; copying one again
-- (after a restart) replaces it, not doubles it.
CREATE TABLE IF NOT EXISTS alert_transitions (
  id UInt64,
  at DateTime64(3, 'UTC'),
  alert_id String,
  fingerprint String,
  rule_id LowCardinality(String),
  rule_kind LowCardinality(String),
  severity LowCardinality(String),
  region LowCardinality(String),
  transition LowCardinality(String),
  actor String,
  comment String,
  value Nullable(Float64),
  detail String
) ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(at)
ORDER BY (toDate(at), id);
