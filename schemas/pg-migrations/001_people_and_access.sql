-- 001 people and access: who may sign in (DOMAIN.md §5), with which role; the
-- sessions of people and of paired wall displays; the displays themselves,
-- from a pairing code to a revocation; the API tokens of programs; the
-- one-time link that creates the first administrator; and the audit record
-- of every action, allowed or denied. PostgreSQL holds them because they
-- need transactions, unique keys and updates (ClickHouse keeps an
-- append-only copy of the audit log for analysis). Secrets are stored as
-- SHA-256 hashes, passwords as Argon2id hashes; never in clear.

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._-]{1,63}$'),
  display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
  role text NOT NULL CHECK (role IN ('viewer', 'officer', 'lead', 'admin')),
  password_hash text NOT NULL,
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE TABLE devices (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  state text NOT NULL CHECK (state IN ('pending', 'approved', 'revoked')),
  name text NOT NULL DEFAULT '',
  layout text NOT NULL DEFAULT 'default',
  -- RFC 8628: the code the wall shows and a person types, and the secret the wall polls with.
  user_code text UNIQUE,
  device_code_hash text NOT NULL UNIQUE,
  pairing_expires_at timestamptz NOT NULL,
  requested_from text NOT NULL DEFAULT '',
  approved_by text,
  approved_at timestamptz,
  revoked_by text,
  revoked_at timestamptz,
  created_at timestamptz NOT NULL
);

CREATE TABLE sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid REFERENCES users (id),
  device_id uuid REFERENCES devices (id),
  token_hash text NOT NULL UNIQUE,
  -- A device session's token before its last rotation, still accepted for a
  -- short grace, so a second tab or a slow reconnect is never locked out.
  previous_token_hash text UNIQUE,
  previous_valid_until timestamptz,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  rotated_at timestamptz NOT NULL,
  -- The latest a session may live, however active (people: 12 h by default).
  expires_at timestamptz NOT NULL,
  ended_at timestamptz,
  ended_reason text,
  address text NOT NULL DEFAULT '',
  user_agent text NOT NULL DEFAULT '',
  CHECK ((user_id IS NULL) <> (device_id IS NULL))
);
CREATE INDEX sessions_user ON sessions (user_id) WHERE ended_at IS NULL;
CREATE INDEX sessions_device ON sessions (device_id) WHERE ended_at IS NULL;

CREATE TABLE api_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
  scopes text[] NOT NULL,
  token_hash text NOT NULL UNIQUE,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  last_used_at timestamptz,
  revoked_by text,
  revoked_at timestamptz
);

CREATE TABLE setup_links (
  token_hash text PRIMARY KEY,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);

CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL,
  actor text NOT NULL,
  role text NOT NULL,
  action text NOT NULL,
  target text NOT NULL DEFAULT '',
  address text NOT NULL DEFAULT '',
  outcome text NOT NULL CHECK (outcome IN ('allowed', 'denied', 'failed')),
  detail jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_actor ON audit_log (actor, at);
CREATE INDEX audit_log_action ON audit_log (action, at);
