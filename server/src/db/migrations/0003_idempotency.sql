-- Responses remembered per user and Idempotency-Key header, so a retried write is answered
-- with the first response instead of being done twice.
CREATE TABLE idempotency_keys (
  user_id uuid NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  -- NULL while the first request is still being handled
  status integer,
  response text,
  content_type text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, key)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
