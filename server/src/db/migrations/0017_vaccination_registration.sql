-- Vaccination (issue #8), second slice: registration (the electronic health book), sessions with
-- time slots, bookings, invitations. Contract: docs/API-VACCINATION.md.
-- Registrations and bookings reference people(id): the ONE identity of every module.

-- A person asking to be vaccinated. The id is the client's (a citizen's phone, a staff form), so
-- sending the same registration again creates nothing new. priority_group is a code of
-- modules/vaccination/priority-groups.json (configuration data, checked at start).
CREATE TABLE vaccination_registrations (
  id uuid PRIMARY KEY,
  person_id uuid NOT NULL REFERENCES people (id),
  priority_group text NOT NULL CHECK (priority_group ~ '^[a-z0-9_]{2,40}$'),
  -- the group's order when registered (1 first): invitations go out in this order, then by time
  priority_rank integer NOT NULL CHECK (priority_rank >= 1),
  preferred_site_id uuid REFERENCES vaccination_sites (id),
  preferred_dates date[] NOT NULL DEFAULT '{}',
  -- where the person asks to be vaccinated from (the area of invitations, the staff scope)
  commune_code text NOT NULL REFERENCES units (code),
  -- screening answers given in advance: {question code: true/false}, checked again at the site
  screening jsonb NOT NULL DEFAULT '{}',
  channel text NOT NULL CHECK (channel IN ('self', 'staff')),
  status text NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'booked', 'vaccinated', 'withdrawn')),
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- one open registration per person: registering again finds it
CREATE UNIQUE INDEX vaccination_registrations_open_idx ON vaccination_registrations (person_id) WHERE status IN ('waiting', 'booked');
CREATE INDEX vaccination_registrations_waiting_idx ON vaccination_registrations (commune_code, priority_rank, created_at) WHERE status = 'waiting';

-- A day of vaccination at a site with one product.
CREATE TABLE vaccination_sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  site_id uuid NOT NULL REFERENCES vaccination_sites (id),
  session_date date NOT NULL,
  product_code text NOT NULL REFERENCES vaccine_products (code),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed', 'cancelled')),
  note text,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX vaccination_sessions_site_idx ON vaccination_sessions (site_id, session_date);
CREATE INDEX vaccination_sessions_date_idx ON vaccination_sessions (session_date);

-- A time slot of a session. Its row is the lock every booking of the slot takes, so bookings
-- racing for the last place are serialised and never exceed the capacity.
CREATE TABLE vaccination_slots (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id uuid NOT NULL REFERENCES vaccination_sessions (id),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  capacity integer NOT NULL CHECK (capacity BETWEEN 1 AND 10000),
  CHECK (ends_at > starts_at)
);
CREATE INDEX vaccination_slots_session_idx ON vaccination_slots (session_id, starts_at);

-- A place taken in a slot. The id is the client's: a retry is the same booking.
CREATE TABLE vaccination_bookings (
  id uuid PRIMARY KEY,
  session_id uuid NOT NULL REFERENCES vaccination_sessions (id),
  slot_id uuid NOT NULL REFERENCES vaccination_slots (id),
  person_id uuid NOT NULL REFERENCES people (id),
  registration_id uuid REFERENCES vaccination_registrations (id),
  status text NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'cancelled', 'attended')),
  channel text NOT NULL CHECK (channel IN ('self', 'staff')),
  booked_at timestamptz NOT NULL DEFAULT now(),
  booked_by uuid,
  cancelled_at timestamptz,
  attended_at timestamptz,
  -- the reminder the day before, once
  reminded_at timestamptz
);
-- one active booking per person and session (a race on two slots of one session loses here)
CREATE UNIQUE INDEX vaccination_bookings_active_idx ON vaccination_bookings (person_id, session_id) WHERE status IN ('booked', 'attended');
CREATE INDEX vaccination_bookings_slot_idx ON vaccination_bookings (slot_id) WHERE status IN ('booked', 'attended');
CREATE INDEX vaccination_bookings_registration_idx ON vaccination_bookings (registration_id);

-- Who was invited to book a session: each registration once per session.
CREATE TABLE vaccination_invitations (
  registration_id uuid NOT NULL REFERENCES vaccination_registrations (id),
  session_id uuid NOT NULL REFERENCES vaccination_sessions (id),
  message_id uuid REFERENCES outbox_messages (id),
  invited_by uuid,
  invited_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (registration_id, session_id)
);
CREATE INDEX vaccination_invitations_session_idx ON vaccination_invitations (session_id);
