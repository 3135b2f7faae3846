-- 005 watermark: the newest occurred_at and received_at stored per source, so
-- that every snapshot can say how fresh its data is (and a data-health rule
-- can see a source gone quiet) without scanning the events table.
CREATE TABLE IF NOT EXISTS events_watermark (
  source LowCardinality(String),
  newest_occurred_at SimpleAggregateFunction(max, DateTime64(3, 'UTC')),
  newest_received_at SimpleAggregateFunction(max, DateTime64(3, 'UTC'))
) ENGINE = AggregatingMergeTree
ORDER BY source;

CREATE MATERIALIZED VIEW IF NOT EXISTS mv_events_watermark TO events_watermark AS
SELECT source, max(occurred_at) AS newest_occurred_at, max(received_at) AS newest_received_at
FROM events
GROUP BY source;
