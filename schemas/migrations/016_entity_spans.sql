-- 016 entity spans: a timeline (every event of one work order, outage or
-- call) found its events through the entity_id bloom filter of `events`,
-- which is checked granule by granule across every daily partition held:
-- with 30 days, each timeline read thousands of index granules in 30
-- partitions. This keeps, per entity of those families, the first and the
-- last occurred_at of its events, so a timeline reads its span here (one
-- key lookup) and then only the days between (partition and primary-key
-- pruning on occurred_at), where the bloom filter finds its granules. Every
-- insert into `events` feeds it, whatever the events' order or lateness; it
-- is a bound, not a list, so an event arriving late widens it and nothing
-- is ever missed. min()/max() make a replayed or re-inserted block harmless.
-- The TTL follows the raw events' (migrate applies RAW_TTL_DAYS to both):
-- a span outlives its last event by as long as the event itself is kept.
CREATE TABLE IF NOT EXISTS entity_spans (
  entity_id String,
  first_at SimpleAggregateFunction(min, DateTime64(3, 'UTC')),
  last_at SimpleAggregateFunction(max, DateTime64(3, 'UTC'))
) ENGINE = AggregatingMergeTree
ORDER BY entity_id
TTL toDateTime(last_at) + INTERVAL 90 DAY
SETTINGS non_replicated_deduplication_window = 10000;

CREATE MATERIALIZED VIEW IF NOT EXISTS mv_entity_spans TO entity_spans AS
SELECT entity_id, min(occurred_at) AS first_at, max(occurred_at) AS last_at
FROM events
WHERE startsWith(type, 'workorder.') OR startsWith(type, 'outage.') OR startsWith(type, 'call.')
GROUP BY entity_id;

-- The spans of the events stored before this migration.
INSERT INTO entity_spans
SELECT entity_id, min(occurred_at), max(occurred_at)
FROM events
WHERE startsWith(type, 'workorder.') OR startsWith(type, 'outage.') OR startsWith(type, 'call.')
GROUP BY entity_id;
