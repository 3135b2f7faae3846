-- 006 open orders without a TTL: the TTL of 003 could drop a closed order's
-- deletion marker in a part that had not yet merged with the order's older
-- versions, which then showed as open again. Markers now stay until a
-- cleanup merge (OPTIMIZE ... FINAL CLEANUP, run periodically by the ingest
-- side: ingest/open-orders-cleanup.ts) removes them together with every
-- older version, so FINAL is right at every moment and the table stays the
-- size of the open backlog.
ALTER TABLE workorders_open REMOVE TTL;

ALTER TABLE workorders_open MODIFY SETTING allow_experimental_replacing_merge_with_cleanup = 1;
