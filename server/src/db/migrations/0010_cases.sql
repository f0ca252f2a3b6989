-- Cases (F0, confirmed or suspected) and their contacts (F1, F2), with follow-up.
-- Who did what (…_by) is a user id, or the system actor's for imports, so like
-- audit_log.actor_id it has no foreign key to users.
CREATE TABLE cases (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id uuid NOT NULL REFERENCES people (id),
  classification text NOT NULL DEFAULT 'confirmed' CHECK (classification IN ('suspected', 'confirmed')),
  -- when the case was reported to the health service; a suspected case's reference time
  reported_at timestamptz NOT NULL DEFAULT now(),
  confirmed_at timestamptz,
  -- a local (Asia/Ho_Chi_Minh) date: symptoms are remembered by day, not by hour
  onset_date date,
  isolated_at timestamptz,
  -- stored, not derived on read: staff may widen or narrow it, and tracing must be reproducible.
  -- Empty (from = to) when the case was isolated before it became infectious.
  infectious_from timestamptz NOT NULL,
  infectious_to timestamptz NOT NULL,
  source text NOT NULL CHECK (source IN ('community', 'in_quarantine', 'imported')),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'recovered', 'deceased')),
  recovered_at timestamptz,
  deceased_at timestamptz,
  -- the unit whose staff own the case (scope): the person's commune when the case was created
  commune_code text NOT NULL REFERENCES units (code),
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (classification = 'suspected' OR confirmed_at IS NOT NULL),
  CHECK (infectious_to >= infectious_from),
  CHECK ((status = 'recovered') = (recovered_at IS NOT NULL)),
  CHECK ((status = 'deceased') = (deceased_at IS NOT NULL))
);
-- One open case per person: a second report of the same illness is a duplicate (409), a
-- reinfection after recovery is a new case.
CREATE UNIQUE INDEX cases_one_active_idx ON cases (person_id) WHERE status = 'active';
CREATE INDEX cases_person_idx ON cases (person_id);
CREATE INDEX cases_commune_idx ON cases (commune_code, status);
CREATE INDEX cases_confirmed_idx ON cases (coalesce(confirmed_at, reported_at));

-- A person exposed to a case. F1: exposed to the case itself; F2: exposed to an F1 contact
-- (via_contact_id). One row per case and person; the evidence of place-and-time tracing
-- (which venues, when, how long) is in contact_exposures.
CREATE TABLE contacts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  person_id uuid NOT NULL REFERENCES people (id),
  degree text NOT NULL CHECK (degree IN ('F1', 'F2')),
  via_contact_id uuid REFERENCES contacts (id),
  found_by text NOT NULL CHECK (found_by IN ('place_time', 'household', 'named', 'imported')),
  status text NOT NULL DEFAULT 'candidate' CHECK (status IN ('candidate', 'confirmed', 'rejected')),
  -- the last moment of exposure known: follow-up and quarantine are counted from it
  last_exposure_at timestamptz,
  decided_by uuid,
  decided_at timestamptz,
  -- follow-up: until when, and how it ended
  follow_up_until date,
  follow_up_outcome text CHECK (follow_up_outcome IN ('completed', 'became_case', 'lost')),
  follow_up_ended_at timestamptz,
  -- the case this contact became: an edge of the transmission chain
  became_case_id uuid REFERENCES cases (id),
  note text,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (case_id, person_id),
  CHECK ((degree = 'F2') = (via_contact_id IS NOT NULL)),
  CHECK ((status = 'candidate') = (decided_at IS NULL)),
  CHECK ((follow_up_outcome IS NULL) = (follow_up_ended_at IS NULL)),
  CHECK ((follow_up_outcome = 'became_case') = (became_case_id IS NOT NULL))
);
CREATE INDEX contacts_person_idx ON contacts (person_id);
CREATE INDEX contacts_case_idx ON contacts (case_id, status);
CREATE INDEX contacts_via_idx ON contacts (via_contact_id) WHERE via_contact_id IS NOT NULL;
CREATE INDEX contacts_became_idx ON contacts (became_case_id) WHERE became_case_id IS NOT NULL;

-- Where and when a contact found by place-and-time tracing shared a venue with the case
-- (the fields of GET /cases/{id}/exposures, kept when staff take a candidate on). These facts
-- outlive the check-ins they came from: they are part of the health record, not presence data.
CREATE TABLE contact_exposures (
  contact_id uuid NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
  venue_id uuid NOT NULL REFERENCES venues (id),
  first_overlap_start timestamptz NOT NULL,
  last_overlap_end timestamptz NOT NULL,
  overlap_minutes integer NOT NULL CHECK (overlap_minutes > 0),
  margin_minutes integer NOT NULL CHECK (margin_minutes >= 0),
  PRIMARY KEY (contact_id, venue_id),
  CHECK (last_overlap_end > first_overlap_start)
);

-- Daily follow-up of a contact: symptoms and temperature, one entry a day.
CREATE TABLE contact_checks (
  contact_id uuid NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
  checked_on date NOT NULL,
  symptoms text[] NOT NULL DEFAULT '{}',
  temperature_c numeric(3, 1) CHECK (temperature_c BETWEEN 30 AND 45),
  note text,
  recorded_by uuid,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (contact_id, checked_on)
);

-- Tracing excludes the case's own visits, including those of records merged into its person:
-- found by this index rather than by reading every person.
CREATE INDEX people_merged_into_idx ON people (merged_into) WHERE merged_into IS NOT NULL;

-- Tracing reads, for each of a case's visits, the check-ins at that venue in about a day around
-- it. With the visit's end and the person in the index, that is an index-only scan of a few
-- adjacent leaf pages instead of one heap page per check-in (at 10 million check-ins, about 450
-- pages a case instead of 3,000: docs/API-TRACING.md). Same key, same name:
-- it replaces the check-in module's index rather than adding one for the ingest to maintain.
DROP INDEX checkins_venue_time_idx;
CREATE INDEX checkins_venue_time_idx ON checkins (venue_id, checked_in_at) INCLUDE (checked_out_at, person_id);
