-- 002 rollups: per-minute sums the KPI tick reads instead of raw events, so a
-- tick costs the same with one day or a year of history. Each row is keyed by
-- the minute of the event's own occurred_at (late events land in their minute).
-- Materialized views fire on every insert, duplicates included: the ingest
-- pipeline removes duplicates before inserting, which is what keeps these sums
-- exact under replays (see ingest/dedupe.ts).

CREATE TABLE IF NOT EXISTS kpi_calls_1m (
  minute DateTime('UTC'),
  region LowCardinality(String),
  queue LowCardinality(String),
  offered UInt64,
  ivr_completed UInt64,
  answered UInt64,
  answered_within_20s UInt64,
  answer_wait_ms UInt64,
  abandoned UInt64,
  abandoned_short UInt64,
  ended UInt64,
  ended_fcr UInt64,
  handle_ms UInt64,
  surveys UInt64,
  surveys_satisfied UInt64
) ENGINE = SummingMergeTree
PARTITION BY toYYYYMM(minute)
ORDER BY (minute, region, queue);

-- Events without a queue (IVR completions, call ends, surveys) roll up under
-- queue '' and count in region and total figures only.
CREATE MATERIALIZED VIEW IF NOT EXISTS mv_kpi_calls_1m TO kpi_calls_1m AS
SELECT
  toStartOfMinute(occurred_at) AS minute,
  region,
  queue,
  countIf(type = 'call.offered') AS offered,
  countIf(type = 'call.ivr_completed') AS ivr_completed,
  countIf(type = 'call.answered') AS answered,
  countIf(type = 'call.answered' AND wait_ms <= 20000) AS answered_within_20s,
  sumIf(toUInt64(wait_ms), type = 'call.answered') AS answer_wait_ms,
  countIf(type = 'call.abandoned') AS abandoned,
  countIf(type = 'call.abandoned' AND wait_ms < 5000) AS abandoned_short,
  countIf(type = 'call.ended') AS ended,
  countIf(type = 'call.ended' AND resolved_first_contact = 1) AS ended_fcr,
  sumIf(toUInt64(talk_ms) + hold_ms + wrap_ms, type = 'call.ended') AS handle_ms,
  countIf(type = 'survey.result') AS surveys,
  countIf(type = 'survey.result' AND rating IN ('very_satisfied', 'satisfied')) AS surveys_satisfied
FROM events
WHERE type IN ('call.offered', 'call.ivr_completed', 'call.answered', 'call.abandoned', 'call.ended', 'survey.result')
GROUP BY minute, region, queue;

CREATE TABLE IF NOT EXISTS kpi_workorders_1m (
  minute DateTime('UTC'),
  region LowCardinality(String),
  category LowCardinality(String),
  created UInt64,
  escalated UInt64,
  arrived_with_sla UInt64,
  arrived_on_time UInt64,
  resolved_with_start UInt64,
  resolve_ms UInt64
) ENGINE = SummingMergeTree
PARTITION BY toYYYYMM(minute)
ORDER BY (minute, region, category);

-- category on non-created events comes from the projector's enrichment.
CREATE MATERIALIZED VIEW IF NOT EXISTS mv_kpi_workorders_1m TO kpi_workorders_1m AS
SELECT
  toStartOfMinute(occurred_at) AS minute,
  region,
  category,
  countIf(type = 'workorder.created') AS created,
  countIf(type = 'workorder.escalated') AS escalated,
  countIf(type = 'workorder.arrived' AND deadline_at IS NOT NULL) AS arrived_with_sla,
  countIf(type = 'workorder.arrived' AND deadline_at IS NOT NULL AND occurred_at <= deadline_at) AS arrived_on_time,
  countIf(type = 'workorder.resolved' AND ref_started_at IS NOT NULL) AS resolved_with_start,
  sumIf(toUInt64(greatest(0, dateDiff('millisecond', assumeNotNull(ref_started_at), occurred_at))),
        type = 'workorder.resolved' AND ref_started_at IS NOT NULL) AS resolve_ms
FROM events
WHERE type IN ('workorder.created', 'workorder.escalated', 'workorder.arrived', 'workorder.resolved')
GROUP BY minute, region, category;

-- Callback timeliness counts at the callback deadline, not at an event's time:
-- a resolution opens a deadline (callback_due_at) and a callback meets it
-- (deadline_at), both keyed by the deadline's minute.
CREATE TABLE IF NOT EXISTS kpi_callbacks_1m (
  minute DateTime('UTC'),
  region LowCardinality(String),
  category LowCardinality(String),
  due UInt64,
  on_time UInt64
) ENGINE = SummingMergeTree
PARTITION BY toYYYYMM(minute)
ORDER BY (minute, region, category);

CREATE MATERIALIZED VIEW IF NOT EXISTS mv_kpi_callbacks_1m TO kpi_callbacks_1m AS
SELECT
  toStartOfMinute(if(type = 'workorder.resolved', assumeNotNull(callback_due_at), assumeNotNull(deadline_at))) AS minute,
  region,
  category,
  countIf(type = 'workorder.resolved') AS due,
  countIf(type = 'workorder.callback' AND occurred_at <= deadline_at) AS on_time
FROM events
WHERE (type = 'workorder.resolved' AND callback_due_at IS NOT NULL)
   OR (type = 'workorder.callback' AND deadline_at IS NOT NULL)
GROUP BY minute, region, category;

-- Occupancy is time-weighted: each agent.state event closes the interval of
-- the agent's previous state (prev_state since prev_since, from the
-- projector), and that interval is spread over the minutes it covers. The
-- open interval of each agent's current state is added by the tick from the
-- agents table. Intervals are capped at 12 h (a forgotten logout).
CREATE TABLE IF NOT EXISTS kpi_agents_1m (
  minute DateTime('UTC'),
  team LowCardinality(String),
  busy_ms UInt64,
  available_ms UInt64
) ENGINE = SummingMergeTree
PARTITION BY toYYYYMM(minute)
ORDER BY (minute, team);

CREATE MATERIALIZED VIEW IF NOT EXISTS mv_kpi_agents_1m TO kpi_agents_1m AS
SELECT
  minute,
  team,
  sumIf(overlap_ms, prev_state IN ('on_call', 'wrap_up')) AS busy_ms,
  sumIf(overlap_ms, prev_state = 'available') AS available_ms
FROM (
  SELECT
    team,
    prev_state,
    toDateTime(toStartOfMinute(interval_start) + 60 * m, 'UTC') AS minute,
    toUInt64(greatest(0,
      least(toUnixTimestamp64Milli(interval_end), (toUnixTimestamp(toStartOfMinute(interval_start)) + 60 * (m + 1)) * 1000)
      - greatest(toUnixTimestamp64Milli(interval_start), (toUnixTimestamp(toStartOfMinute(interval_start)) + 60 * m) * 1000)
    )) AS overlap_ms
  FROM (
    SELECT
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
GROUP BY minute, team;
