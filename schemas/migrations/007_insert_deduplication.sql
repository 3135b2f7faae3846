-- 007 insert deduplication: one INSERT into `events` writes the table and
-- then, one after another, each materialized view's target. An insert that
-- fails, or a process killed, in between leaves events stored without their
-- rollup rows, and skipping them as duplicates afterwards would make the KPIs
-- under-count for good. So the pipeline gives every batch an
-- insert_deduplication_token and, on a retry or on the next start after a
-- crash (ingest/insert-journal.ts), inserts the very same rows again with the
-- same token and deduplicate_blocks_in_dependent_materialized_views = 1: each
-- table below keeps the blocks it already has and takes only those it missed.
-- A plain MergeTree remembers block tokens only with this window: the last N
-- blocks inserted into each table, far more than a restart ever needs.
ALTER TABLE events MODIFY SETTING non_replicated_deduplication_window = 10000;

ALTER TABLE kpi_calls_1m MODIFY SETTING non_replicated_deduplication_window = 10000;

ALTER TABLE kpi_workorders_1m MODIFY SETTING non_replicated_deduplication_window = 10000;

ALTER TABLE kpi_callbacks_1m MODIFY SETTING non_replicated_deduplication_window = 10000;

ALTER TABLE kpi_agents_1m MODIFY SETTING non_replicated_deduplication_window = 10000;

ALTER TABLE calls_live MODIFY SETTING non_replicated_deduplication_window = 10000;

ALTER TABLE events_watermark MODIFY SETTING non_replicated_deduplication_window = 10000;
