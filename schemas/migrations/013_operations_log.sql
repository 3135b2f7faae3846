-- 013 operations log copy: the operations log (运行日志) lives in PostgreSQL
-- (the operational store, migration 007 there), where people and the
-- system append to it; this append-only copy is for analysis beside the
-- events and the alert transitions (the bulletins' figures: entries by
-- category and kind, displays dark and sources silent over a week).
-- Rows are copied by id after they are written; copying one again (after a
-- restart) replaces it, not doubles it.
CREATE TABLE IF NOT EXISTS operations_log (
  id UInt64,
  at DateTime64(3, 'UTC'),
  category LowCardinality(String),
  text String,
  target_type LowCardinality(String),
  target_id String,
  author String,
  author_name String,
  kind LowCardinality(String),
  notable Bool
) ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(at)
ORDER BY (toDate(at), id);
