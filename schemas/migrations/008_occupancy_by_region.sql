-- 008 occupancy by region: every KPI can be narrowed to a region (DOMAIN.md
-- §2), but kpi_agents_1m summed agent time per team only, so a region's
-- snapshot had no occupancy. A SummingMergeTree sums rows of equal sort key,
-- so the region has to be part of the key: a new table, with the same
-- time-weighting as 002 (each agent.state event closes its agent's previous
-- interval, spread over the minutes it covers, capped at 12 h), keyed by the
-- region of the agent's events as well.
CREATE TABLE IF NOT EXISTS kpi_occupancy_1m (
  minute DateTime('UTC'),
  region LowCardinality(String),
  team LowCardinality(String),
  busy_ms UInt64,
  available_ms UInt64
) ENGINE = SummingMergeTree
PARTITION BY toYYYYMM(minute)
ORDER BY (minute, region, team)
SETTINGS non_replicated_deduplication_window = 10000;

-- The history already stored, from the raw events; then the view for what
-- comes after. The fixed token makes a second run of the backfill (a start
-- that died half-way, or two processes migrating at once) a no-op instead of
-- a double count. Events another process stores between the backfill and the
-- view's creation would be missed: migrate before ingesting (every entry point
-- does, and the embedded engine has one process anyway).
INSERT INTO kpi_occupancy_1m
SETTINGS insert_deduplication_token = '008_occupancy_backfill'
SELECT
  minute,
  region,
  team,
  sumIf(overlap_ms, prev_state IN ('on_call', 'wrap_up')) AS busy_ms,
  sumIf(overlap_ms, prev_state = 'available') AS available_ms
FROM (
  SELECT
    region,
    team,
    prev_state,
    toDateTime(toStartOfMinute(interval_start) + 60 * m, 'UTC') AS minute,
    toUInt64(greatest(0,
      least(toUnixTimestamp64Milli(interval_end), (toUnixTimestamp(toStartOfMinute(interval_start)) + 60 * (m + 1)) * 1000)
      - greatest(toUnixTimestamp64Milli(interval_start), (toUnixTimestamp(toStartOfMinute(interval_start)) + 60 * m) * 1000)
    )) AS overlap_ms
  FROM (
    SELECT
      region,
      team,
      prev_state,
      assumeNotNull(prev_since) AS interval_start,
      least(occurred_at, assumeNotNull(prev_since) + INTERVAL 12 HOUR) AS interval_end
    FROM events
    WHERE type = 'agent.state' AND prev_since IS NOT NULL
      AND prev_state IN ('on_call', 'wrap_up', 'available') AND occurred_at > prev_since
  )
  ARRAY JOIN range(toUInt32(intDiv(toUnixTimestamp(interval_end) - toUnixTimestamp(toStartOfMinute(interval_start)), 60) + 1)) AS m
)
GROUP BY minute, region, team;

CREATE MATERIALIZED VIEW IF NOT EXISTS mv_kpi_occupancy_1m TO kpi_occupancy_1m AS
SELECT
  minute,
  region,
  team,
  sumIf(overlap_ms, prev_state IN ('on_call', 'wrap_up')) AS busy_ms,
  sumIf(overlap_ms, prev_state = 'available') AS available_ms
FROM (
  SELECT
    region,
    team,
    prev_state,
    toDateTime(toStartOfMinute(interval_start) + 60 * m, 'UTC') AS minute,
    toUInt64(greatest(0,
      least(toUnixTimestamp64Milli(interval_end), (toUnixTimestamp(toStartOfMinute(interval_start)) + 60 * (m + 1)) * 1000)
      - greatest(toUnixTimestamp64Milli(interval_start), (toUnixTimestamp(toStartOfMinute(interval_start)) + 60 * m) * 1000)
    )) AS overlap_ms
  FROM (
    SELECT
      region,
      team,
      prev_state,
      assumeNotNull(prev_since) AS interval_start,
      least(occurred_at, assumeNotNull(prev_since) + INTERVAL 12 HOUR) AS interval_end
    FROM events
    WHERE type = 'agent.state' AND prev_since IS NOT NULL
      AND prev_state IN ('on_call', 'wrap_up', 'available') AND occurred_at > prev_since
  )
  ARRAY JOIN range(toUInt32(intDiv(toUnixTimestamp(interval_end) - toUnixTimestamp(toStartOfMinute(interval_start)), 60) + 1)) AS m
)
GROUP BY minute, region, team;

-- The per-team table it replaces.
DROP VIEW IF EXISTS mv_kpi_agents_1m;

DROP TABLE IF EXISTS kpi_agents_1m;
