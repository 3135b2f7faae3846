-- 009 ingest sources: whether data flows, told apart from whether events
-- happen. Every ingest pipeline (embedded or deployed, one row per process
-- and source) reports every few seconds when each of its sources last polled
-- or delivered, the newest event it delivered, how long its oldest event has
-- waited to be stored, the Kafka lag where there is Kafka, and the progress
-- of a history load. The server reads it to mark a snapshot stale only when
-- the flow has stopped or fallen behind (a quiet night stays live), and to
-- say which sources are live and which are silent. Small: a row per process
-- and source, replaced in place; rows of processes gone for a week expire.
CREATE TABLE IF NOT EXISTS ingest_sources (
  source LowCardinality(String),
  instance String,
  polling UInt8,
  last_active_at DateTime64(3, 'UTC'),
  newest_event_at Nullable(DateTime64(3, 'UTC')),
  oldest_pending_at Nullable(DateTime64(3, 'UTC')),
  lag_messages Nullable(UInt64),
  loading_progress Nullable(Float64),
  reported_at DateTime64(3, 'UTC'),
  -- Orders a process's reports when two carry the same reported_at.
  seq UInt64
) ENGINE = ReplacingMergeTree(seq)
ORDER BY (source, instance)
TTL toDateTime(reported_at) + INTERVAL 7 DAY;
