-- Notification outbox: every message is written in the transaction of the decision that caused it,
-- then delivered by a worker (SMS gateway, SMTP, Web Push) with retries. Contract: docs/API-NOTIFICATIONS.md.
CREATE TABLE outbox_messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- chosen by the caller (e.g. 'exposure:<case>:<person>:sms'): the same notice enqueued twice is one message
  dedupe_key text NOT NULL UNIQUE CHECK (length(dedupe_key) BETWEEN 1 AND 200),
  channel text NOT NULL CHECK (channel IN ('webpush', 'sms', 'email')),
  -- +84… for sms, an address for email, a push_subscriptions id for webpush
  recipient text NOT NULL,
  person_id uuid REFERENCES people (id),
  -- scope of a message without a person (NULL: provincial/national staff only)
  unit_code text REFERENCES units (code),
  template text NOT NULL,
  locale text NOT NULL DEFAULT 'vi' CHECK (locale IN ('vi', 'en')),
  payload jsonb NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sending', 'sent', 'delivered', 'failed')),
  -- claims so far (a worker killed mid-delivery has used one)
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  -- queued: not before this time (back-off); sending: the worker's lease ends, after which another worker takes it
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  -- the worker holding the lease while sending, for diagnosis
  locked_by text,
  last_error text,
  -- the provider's own id of the message (SMS gateway), to match its delivery reports
  provider_ref text,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  delivered_at timestamptz,
  failed_at timestamptz
);
-- the worker's claim: due messages in order of due time (queued and expired leases alike)
CREATE INDEX outbox_due_idx ON outbox_messages (next_attempt_at) WHERE status IN ('queued', 'sending');
-- staff lists, newest first, by status
CREATE INDEX outbox_status_idx ON outbox_messages (status, created_at DESC);
CREATE INDEX outbox_person_idx ON outbox_messages (person_id) WHERE person_id IS NOT NULL;
CREATE INDEX outbox_provider_ref_idx ON outbox_messages (provider_ref) WHERE provider_ref IS NOT NULL;

-- Browsers (the installed app) that accepted Web Push; a person is linked when the app sent its personal code.
CREATE TABLE push_subscriptions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- the push service URL is the subscription's identity: subscribing again updates the keys
  endpoint text NOT NULL UNIQUE,
  p256dh text NOT NULL,
  auth text NOT NULL,
  person_id uuid REFERENCES people (id),
  locale text NOT NULL DEFAULT 'vi' CHECK (locale IN ('vi', 'en')),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz
);
CREATE INDEX push_subscriptions_person_idx ON push_subscriptions (person_id) WHERE person_id IS NOT NULL;
