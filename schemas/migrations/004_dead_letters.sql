-- 004 dead letters: every input the pipeline could not accept, kept with its
-- reason so that a duty engineer can see what a source sent and why it was
-- refused. Payloads over 64 KiB are cut (payload_bytes keeps the real size).
CREATE TABLE IF NOT EXISTS dead_letters (
  received_at DateTime64(3, 'UTC'),
  source LowCardinality(String),
  reason_code LowCardinality(String),
  reason String,
  payload String,
  payload_bytes UInt32
) ENGINE = MergeTree
PARTITION BY toYYYYMM(received_at)
ORDER BY (received_at, reason_code)
TTL toDateTime(received_at) + INTERVAL 30 DAY;
