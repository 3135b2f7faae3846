-- 003 entities: the current state of agents, outages and work orders, one full
-- row per version written by the ingest's entity projector (ingest/
-- entity-projector.ts). ReplacingMergeTree keeps the highest version per id;
-- readers use FINAL. Work orders also feed workorders_open, where a closed
-- order becomes a deletion marker that the TTL clears a day later, so that
-- "now" queries (open, overdue, at risk) read open orders only, however long
-- the history kept.

CREATE TABLE IF NOT EXISTS agents (
  agent_id String,
  team LowCardinality(String),
  region LowCardinality(String),
  state LowCardinality(String),
  reason String,
  since DateTime64(3, 'UTC'),
  version UInt64
) ENGINE = ReplacingMergeTree(version)
ORDER BY agent_id;

CREATE TABLE IF NOT EXISTS outages (
  outage_id String,
  region LowCardinality(String),
  kind LowCardinality(String),
  feeder String,
  cause String,
  customers_affected UInt32,
  key_customers_affected UInt32,
  etr Nullable(DateTime64(3, 'UTC')),
  started_at Nullable(DateTime64(3, 'UTC')),
  restored_at Nullable(DateTime64(3, 'UTC')),
  first_notified_at Nullable(DateTime64(3, 'UTC')),
  customers_notified UInt32,
  updated_at DateTime64(3, 'UTC'),
  version UInt64
) ENGINE = ReplacingMergeTree(version)
ORDER BY outage_id;

CREATE TABLE IF NOT EXISTS workorders (
  workorder_id String,
  region LowCardinality(String),
  category LowCardinality(String),
  priority LowCardinality(String),
  area_class LowCardinality(String),
  customer_tier LowCardinality(String),
  outage_id String,
  call_id String,
  team LowCardinality(String),
  status LowCardinality(String),
  created_at Nullable(DateTime64(3, 'UTC')),
  dispatched_at Nullable(DateTime64(3, 'UTC')),
  accepted_at Nullable(DateTime64(3, 'UTC')),
  contacted_at Nullable(DateTime64(3, 'UTC')),
  arrived_at Nullable(DateTime64(3, 'UTC')),
  resolved_at Nullable(DateTime64(3, 'UTC')),
  callback_at Nullable(DateTime64(3, 'UTC')),
  closed_at Nullable(DateTime64(3, 'UTC')),
  reopened_at Nullable(DateTime64(3, 'UTC')),
  reopened_count UInt16,
  escalated_level String,
  supervised_count UInt16,
  contact_due Nullable(DateTime64(3, 'UTC')),
  arrive_due Nullable(DateTime64(3, 'UTC')),
  resolve_due Nullable(DateTime64(3, 'UTC')),
  callback_due Nullable(DateTime64(3, 'UTC')),
  updated_at DateTime64(3, 'UTC'),
  version UInt64
) ENGINE = ReplacingMergeTree(version)
ORDER BY workorder_id;

CREATE TABLE IF NOT EXISTS workorders_open
ENGINE = ReplacingMergeTree(version, is_deleted)
ORDER BY workorder_id
TTL toDateTime(updated_at) + INTERVAL 1 DAY DELETE WHERE is_deleted = 1
EMPTY AS SELECT *, toUInt8(0) AS is_deleted FROM workorders;

CREATE MATERIALIZED VIEW IF NOT EXISTS mv_workorders_open TO workorders_open AS
SELECT *, toUInt8(status = 'closed') AS is_deleted
FROM workorders;

-- Calls still waiting: offered and not yet answered or abandoned. Rows merge
-- per call by max(), so the arrival order of offered and settled events does
-- not matter; the TTL keeps the table to the last two hours.
CREATE TABLE IF NOT EXISTS calls_live (
  call_id String,
  region SimpleAggregateFunction(anyLast, LowCardinality(String)),
  queue SimpleAggregateFunction(anyLast, LowCardinality(String)),
  offered_at SimpleAggregateFunction(max, DateTime64(3, 'UTC')),
  settled_at SimpleAggregateFunction(max, DateTime64(3, 'UTC'))
) ENGINE = AggregatingMergeTree
ORDER BY call_id
TTL toDateTime(greatest(offered_at, settled_at)) + INTERVAL 2 HOUR;

CREATE MATERIALIZED VIEW IF NOT EXISTS mv_calls_live TO calls_live AS
SELECT
  call_id,
  region,
  queue,
  if(type = 'call.offered', occurred_at, toDateTime64(0, 3, 'UTC')) AS offered_at,
  if(type = 'call.offered', toDateTime64(0, 3, 'UTC'), occurred_at) AS settled_at
FROM events
WHERE type IN ('call.offered', 'call.answered', 'call.abandoned');
