-- Orders given to contacts (tests, quarantine) and public exposure notices (issue #6, second slice).
-- Contract: docs/API-TRACING.md. People are referenced through foreign keys to people(id), so a
-- merge moves these rows with the person.

-- A test ordered for a contact: one per contact and day (ordering the same day again is the same order).
CREATE TABLE test_orders (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  contact_id uuid NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
  person_id uuid NOT NULL REFERENCES people (id),
  -- the local (Asia/Ho_Chi_Minh) day the sample should be taken
  due_on date NOT NULL,
  site text,
  status text NOT NULL DEFAULT 'ordered' CHECK (status IN ('ordered', 'sampled', 'resulted', 'cancelled')),
  note text,
  ordered_by uuid,
  ordered_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (contact_id, due_on)
);
CREATE INDEX test_orders_person_idx ON test_orders (person_id);
CREATE INDEX test_orders_open_idx ON test_orders (due_on) WHERE status = 'ordered';

-- A quarantine order: at home or in a facility, for whole local days. A contact has at most one
-- open order; ordering again amends its dates (the audit log keeps the before and after).
CREATE TABLE quarantine_orders (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  contact_id uuid NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
  person_id uuid NOT NULL REFERENCES people (id),
  kind text NOT NULL CHECK (kind IN ('home', 'facility')),
  -- the facility's name, or the address of the home
  place text,
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  status text NOT NULL DEFAULT 'ordered' CHECK (status IN ('ordered', 'completed', 'cancelled')),
  note text,
  ordered_by uuid,
  ordered_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on >= starts_on)
);
CREATE UNIQUE INDEX quarantine_orders_open_idx ON quarantine_orders (contact_id) WHERE status = 'ordered';
CREATE INDEX quarantine_orders_person_idx ON quarantine_orders (person_id);

-- Public exposure notices: a venue and a time window visited by a case (its visit widened by the
-- margin). Published without the case or any person: case_id and visit_started_at are for staff
-- and for repeat publications only, and never leave the server on the open endpoint.
CREATE TABLE exposure_notices (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  venue_id uuid NOT NULL REFERENCES venues (id),
  -- the start of the case's visit: publishing the case again finds the same notice by it
  visit_started_at timestamptz NOT NULL,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  margin_minutes integer NOT NULL CHECK (margin_minutes >= 0),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'withdrawn')),
  published_by uuid,
  published_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  withdrawn_by uuid,
  withdrawn_at timestamptz,
  withdraw_reason text,
  UNIQUE (case_id, venue_id, visit_started_at),
  CHECK (ends_at > starts_at),
  CHECK ((status = 'withdrawn') = (withdrawn_at IS NOT NULL))
);
-- the open list: active notices that ended recently
CREATE INDEX exposure_notices_active_idx ON exposure_notices (ends_at) WHERE status = 'active';
