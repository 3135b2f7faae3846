-- 010 audit log copy: the audit record lives in PostgreSQL (the operational
-- store, where it is written in the same transaction as what it records);
-- this append-only copy is for analysis beside the events (who acted how
-- often, on what, denied requests over time: the bulletins' figures).
-- Rows are copied by id after they are written; copying one again (after a
-- restart) replaces it, not doubles it.
CREATE TABLE IF NOT EXISTS audit_log (
  id UInt64,
  at DateTime64(3, 'UTC'),
  actor String,
  role LowCardinality(String),
  action LowCardinality(String),
  target String,
  address String,
  outcome LowCardinality(String),
  detail String
) ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(at)
ORDER BY (toDate(at), id);
