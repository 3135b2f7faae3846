-- 001 events: the raw event log, every family in one wide table.
-- Why one table: all families share the envelope, an entity's timeline is one
-- lookup, and the rollups of 002 read a single insert stream. Type-specific
-- fields are columns named as on the wire; a type that lacks a field leaves
-- its default. Two columns are written by the ingest's entity projector, not
-- by producers: ref_started_at (when the event's work order was created or its
-- outage started) and deadline_at / callback_due_at (the SLA deadlines the event
-- meets or opens), so that rollups can judge SLAs without joins.
-- ORDER BY (day, event_id) serves the ingest's duplicate check, which always
-- knows both: a replayed event carries its original occurred_at.
-- The TTL here is the default; RAW_TTL_DAYS changes it at start.
CREATE TABLE IF NOT EXISTS events (
  event_id UUID,
  type LowCardinality(String),
  occurred_at DateTime64(3, 'UTC'),
  received_at DateTime64(3, 'UTC'),
  source LowCardinality(String),
  region LowCardinality(String),
  schema_version UInt8,
  entity_id String,
  call_id String,
  queue LowCardinality(String),
  channel LowCardinality(String),
  agent_id String,
  team LowCardinality(String),
  state LowCardinality(String),
  reason String,
  wait_ms UInt32,
  talk_ms UInt32,
  hold_ms UInt32,
  wrap_ms UInt32,
  resolved_first_contact UInt8,
  disposition LowCardinality(String),
  survey_id String,
  ref_type LowCardinality(String),
  ref_id String,
  rating LowCardinality(String),
  outage_id String,
  kind LowCardinality(String),
  feeder String,
  customers_affected Nullable(UInt32),
  key_customers_affected UInt32,
  etr Nullable(DateTime64(3, 'UTC')),
  cause String,
  customers_notified UInt32,
  workorder_id String,
  category LowCardinality(String),
  priority LowCardinality(String),
  area_class LowCardinality(String),
  customer_tier LowCardinality(String),
  to_level String,
  by String,
  note String,
  prev_state LowCardinality(String),
  prev_since Nullable(DateTime64(3, 'UTC')),
  ref_started_at Nullable(DateTime64(3, 'UTC')),
  deadline_at Nullable(DateTime64(3, 'UTC')),
  callback_due_at Nullable(DateTime64(3, 'UTC')),
  INDEX idx_entity entity_id TYPE bloom_filter(0.01) GRANULARITY 1
) ENGINE = MergeTree
PARTITION BY toYYYYMMDD(occurred_at)
ORDER BY (toDate(occurred_at), event_id)
TTL toDateTime(occurred_at) + INTERVAL 90 DAY
SETTINGS index_granularity = 2048;
