-- 016 entity days: a timeline (every event of one work order, outage or
-- call) found its events through the entity_id bloom filter of `events`,
-- which is checked granule by granule in every daily partition held: with
-- 30 days, each timeline read thousands of index granules in 30 partitions.
-- This keeps, per entity of those families, the days (UTC, the partitions'
-- and the primary key's toDate(occurred_at)) on which it has events, so a
-- timeline reads them here (one key lookup) and then only those days'
-- partitions, where the bloom filter finds its granules. Days rather than a
-- first-to-last span: a planned outage's notice comes days before it starts,
-- an overdue order waits quietly for days, and the days between hold none of
-- their events. Every insert into `events` feeds it, whatever the events'
-- order or lateness, so a late event adds its day and nothing is missed;
-- groupUniqArrayArray makes a replayed or re-inserted block harmless.
-- The TTL follows the raw events' (migrate applies RAW_TTL_DAYS to both),
-- counted from the end of the entity's last day, so its days are kept as
-- long as the events on them.
CREATE TABLE IF NOT EXISTS entity_days (
  entity_id String,
  days SimpleAggregateFunction(groupUniqArrayArray, Array(Date))
) ENGINE = AggregatingMergeTree
ORDER BY entity_id
TTL toDateTime(arrayMax(days) + 1) + INTERVAL 90 DAY
SETTINGS non_replicated_deduplication_window = 10000;

CREATE MATERIALIZED VIEW IF NOT EXISTS mv_entity_days TO entity_days AS
SELECT entity_id, groupUniqArray(toDate(occurred_at)) AS days
FROM events
WHERE startsWith(type, 'workorder.') OR startsWith(type, 'outage.') OR startsWith(type, 'call.')
GROUP BY entity_id;

-- The days of the events stored before this migration.
INSERT INTO entity_days
SELECT entity_id, groupUniqArray(toDate(occurred_at))
FROM events
WHERE startsWith(type, 'workorder.') OR startsWith(type, 'outage.') OR startsWith(type, 'call.')
GROUP BY entity_id;
