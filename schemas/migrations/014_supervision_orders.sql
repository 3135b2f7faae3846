-- 014 supervision orders by first issue: the bulletins count the orders
-- issued in their period (the desk's list counts them by the order's
-- created_at in PostgreSQL). An order returned for rework is issued again
-- (another supervision.issued event, a new round), so "issued in the period"
-- is the first issue of each order, which no single event says. This keeps,
-- per order, its region, team and first issue: a few rows a day, so a
-- bulletin reads them whole instead of scanning the raw events' history for
-- earlier rounds. min() makes a replayed or re-inserted event harmless.
-- (013 is another change's number; the runner applies whatever is missing.)
CREATE TABLE IF NOT EXISTS supervision_orders (
  supervision_id String,
  region LowCardinality(String),
  team LowCardinality(String),
  first_issued_at SimpleAggregateFunction(min, DateTime64(3, 'UTC'))
) ENGINE = AggregatingMergeTree
ORDER BY (supervision_id, region, team)
SETTINGS non_replicated_deduplication_window = 10000;

CREATE MATERIALIZED VIEW IF NOT EXISTS mv_supervision_orders TO supervision_orders AS
SELECT supervision_id, region, team, min(occurred_at) AS first_issued_at
FROM events
WHERE type = 'supervision.issued'
GROUP BY supervision_id, region, team;

-- Orders issued before this migration.
INSERT INTO supervision_orders
SELECT supervision_id, region, team, min(occurred_at)
FROM events
WHERE type = 'supervision.issued'
GROUP BY supervision_id, region, team;
