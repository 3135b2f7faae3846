-- 006 supervision: supervision orders (督办, DOMAIN.md §4) and every step of
-- each, for the desk's lists, the order's history and, later, the handover
-- and the bulletins. ClickHouse keeps the orders' events and the timeliness
-- rollup (its migration 012); here is what people act on.
--
-- One row per order with its current round: an order returned for rework is
-- issued again (round + 1, a new issued_at and due_at), as the events say.
-- reminded_at and alerted_at belong to the round (cleared when it is issued
-- again), so a reminder and an alert go out at most once a round, also
-- across a restart. region is the target's, so that the order counts where
-- its problem is.
CREATE TABLE supervisions (
  id text PRIMARY KEY,
  target_type text NOT NULL CHECK (target_type IN ('workorder', 'outage', 'alert')),
  target_id text NOT NULL,
  region text NOT NULL,
  team text NOT NULL,
  reason text NOT NULL,
  action text NOT NULL,
  state text NOT NULL CHECK (state IN ('issued', 'received', 'replied', 'closed')),
  round integer NOT NULL DEFAULT 1,
  issued_by text NOT NULL,
  created_at timestamptz NOT NULL,
  issued_at timestamptz NOT NULL,
  due_at timestamptz NOT NULL,
  received_at timestamptz,
  replied_at timestamptz,
  reply text,
  reminded_at timestamptz,
  alerted_at timestamptz,
  outcome text CHECK (outcome IN ('accepted', 'returned')),
  closed_at timestamptz
);

CREATE INDEX supervisions_open_due ON supervisions (due_at) WHERE state IN ('issued', 'received');
CREATE INDEX supervisions_team ON supervisions (team, created_at);

-- Each step: issued, received, replied, reminded, alerted, returned, closed.
-- A team's answer carries its event id, unique, so that an answer read twice
-- (the inbox is read from a little before where the last read stopped) is
-- applied once; inbox_at is where the server has read the inbox to.
CREATE TABLE supervision_history (
  id bigserial PRIMARY KEY,
  supervision_id text NOT NULL REFERENCES supervisions (id),
  at timestamptz NOT NULL,
  step text NOT NULL,
  by text,
  detail jsonb NOT NULL DEFAULT '{}',
  event_id uuid UNIQUE,
  inbox_at timestamptz
);

CREATE INDEX supervision_history_order ON supervision_history (supervision_id, id);
