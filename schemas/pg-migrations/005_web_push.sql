-- 005 web push: the browsers a person subscribed to Web Push from the lead
-- page, and the application server's VAPID key pair (RFC 8292) that signs
-- every push. The keys are made once, on the first start, and kept here:
-- a push service accepts pushes only under the key a subscription was made
-- with, so a new pair would silently orphan every subscription. The
-- private key cannot be hashed (it signs); it never leaves the server in an
-- answer or a log. A subscription is keyed by its endpoint (the push
-- service's URL for one browser): subscribing again from the same browser
-- replaces its keys and owner; a push service that answers 404 or 410 gets
-- the row deleted. A person's subscriptions go with the person.

CREATE TABLE push_subscriptions (
  endpoint text PRIMARY KEY CHECK (endpoint ~ '^https?://' AND length(endpoint) <= 1000),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  -- The browser's P-256 public key and auth secret, URL-safe base64 (RFC 8291).
  p256dh text NOT NULL CHECK (p256dh ~ '^[A-Za-z0-9_-]{80,100}$'),
  auth text NOT NULL CHECK (auth ~ '^[A-Za-z0-9_-]{16,32}$'),
  user_agent text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL
);
CREATE INDEX push_subscriptions_user ON push_subscriptions (user_id);

-- One row: the key pair of this installation.
CREATE TABLE vapid_keys (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  public_key text NOT NULL,
  private_key text NOT NULL,
  created_at timestamptz NOT NULL
);
