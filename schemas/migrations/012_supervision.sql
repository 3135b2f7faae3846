-- 012 supervision: what ClickHouse keeps of supervision orders (督办,
-- DOMAIN.md §1 and §4). The orders themselves live in PostgreSQL (the
-- operational store, migration 006 there); here are their events, the
-- timeliness rollup, and the inbox the server reads the teams' answers from.
-- (011 is another change's number; the runner applies whatever is missing.)

-- The supervision events' own fields, named as on the wire. team, reason and
-- by exist already. ref_region is written by the ingest's entity projector:
-- the region of the order an event belongs to, so that a team's answer counts
-- in its order's region whatever region the team's system wrote.
ALTER TABLE events
  ADD COLUMN IF NOT EXISTS supervision_id String,
  ADD COLUMN IF NOT EXISTS target_type LowCardinality(String),
  ADD COLUMN IF NOT EXISTS target_id String,
  ADD COLUMN IF NOT EXISTS action String,
  ADD COLUMN IF NOT EXISTS due_at Nullable(DateTime64(3, 'UTC')),
  ADD COLUMN IF NOT EXISTS reply String,
  ADD COLUMN IF NOT EXISTS outcome LowCardinality(String),
  ADD COLUMN IF NOT EXISTS comment String,
  ADD COLUMN IF NOT EXISTS ref_region LowCardinality(String);

-- The projector's state of each order, as the work orders' is (003): the
-- current round (an order returned for rework is issued again with a new
-- deadline) and whether it has had its reply. Read on a cache miss, e.g.
-- after a restart, so a reply is judged against its round however late it is.
CREATE TABLE IF NOT EXISTS supervisions (
  supervision_id String,
  region LowCardinality(String),
  team LowCardinality(String),
  round_issued_at Nullable(DateTime64(3, 'UTC')),
  round_due_at Nullable(DateTime64(3, 'UTC')),
  round_replied UInt8,
  updated_at DateTime64(3, 'UTC'),
  version UInt64
) ENGINE = ReplacingMergeTree(version)
ORDER BY supervision_id;

-- Supervision timeliness (督办及时率) = replied by the deadline / due in the
-- window, counted at the deadline's minute as callback timeliness is (002):
-- each issue (each round) is one deadline; the projector sets deadline_at on
-- the issue and on the first reply of its round only, so a second reply, a
-- reply to an earlier round or to an unknown order is never counted and the
-- rate cannot exceed 1.
CREATE TABLE IF NOT EXISTS kpi_supervision_1m (
  minute DateTime('UTC'),
  region LowCardinality(String),
  team LowCardinality(String),
  due UInt64,
  on_time UInt64
) ENGINE = SummingMergeTree
PARTITION BY toYYYYMM(minute)
ORDER BY (minute, region, team)
SETTINGS non_replicated_deduplication_window = 10000;

CREATE MATERIALIZED VIEW IF NOT EXISTS mv_kpi_supervision_1m TO kpi_supervision_1m AS
SELECT
  toStartOfMinute(assumeNotNull(deadline_at)) AS minute,
  ref_region AS region,
  team,
  countIf(type = 'supervision.issued') AS due,
  countIf(type = 'supervision.replied' AND occurred_at <= deadline_at) AS on_time
FROM events
WHERE type IN ('supervision.issued', 'supervision.replied') AND deadline_at IS NOT NULL
GROUP BY minute, region, team;

-- The teams' answers in the order they were stored, for the server, which
-- applies each to its order in PostgreSQL exactly once (keyed by event_id
-- there) and keeps its place with a cursor on stored_at. stored_at is the
-- insert's own time (now64 at the view), not received_at: a batch the
-- ingest completes after a crash keeps its old received_at but is stored
-- now, and must still be seen after the cursor.
CREATE TABLE IF NOT EXISTS supervision_inbox (
  stored_at DateTime64(3, 'UTC'),
  event_id UUID,
  type LowCardinality(String),
  supervision_id String,
  occurred_at DateTime64(3, 'UTC'),
  source LowCardinality(String),
  by String,
  reply String
) ENGINE = MergeTree
PARTITION BY toYYYYMM(stored_at)
ORDER BY (stored_at, event_id)
TTL toDateTime(stored_at) + INTERVAL 30 DAY
SETTINGS non_replicated_deduplication_window = 10000;

CREATE MATERIALIZED VIEW IF NOT EXISTS mv_supervision_inbox TO supervision_inbox AS
SELECT now64(3) AS stored_at, event_id, type, supervision_id, occurred_at, source, by, reply
FROM events
WHERE type IN ('supervision.received', 'supervision.replied');
