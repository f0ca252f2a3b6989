-- Vaccination (issue #8): the visit at a vaccination site. A person is checked in (their personal QR,
-- national ID or record id), screened against the Ministry's pre-vaccination checklist, given a dose,
-- watched for 30 minutes, and any adverse event following immunisation (AEFI) is reported and followed
-- up. Contract: docs/API-VACCINATION.md ("At the site"). Bookings and registrations come from 0017.

-- One person's visit to a site. The id is the client's (the vaccinator's phone), so a retried
-- check-in is the same visit.
CREATE TABLE vaccination_visits (
  id uuid PRIMARY KEY,
  site_id uuid NOT NULL REFERENCES vaccination_sites (id),
  person_id uuid NOT NULL REFERENCES people (id),
  -- today's booking of the person at this site, marked attended by the check-in
  booking_id uuid REFERENCES vaccination_bookings (id),
  identified_by text NOT NULL CHECK (identified_by IN ('personal_code', 'national_id', 'person_id')),
  checked_in_at timestamptz NOT NULL DEFAULT now(),
  checked_in_by uuid NOT NULL
);
CREATE INDEX vaccination_visits_site_idx ON vaccination_visits (site_id, checked_in_at);
CREATE INDEX vaccination_visits_person_idx ON vaccination_visits (person_id);

-- The pre-vaccination screening of a visit (at most one; screening again before the dose replaces
-- it). The answers are kept as given, with the checklist version they answer and the outcome the
-- rules required, so a later change of the checklist does not rewrite what was decided.
CREATE TABLE vaccination_screenings (
  visit_id uuid PRIMARY KEY REFERENCES vaccination_visits (id),
  checklist_version text NOT NULL,
  -- question id → true/false, derived answers included; findings: the yes answers that count
  answers jsonb NOT NULL,
  findings jsonb NOT NULL,
  temperature_c numeric(3, 1) CHECK (temperature_c BETWEEN 30 AND 45),
  -- the strictest finding of the answers: fit, precaution, postpone, contraindication
  assessment text NOT NULL CHECK (assessment IN ('fit', 'precaution', 'postpone', 'contraindication')),
  outcome text NOT NULL CHECK (outcome IN ('vaccinate', 'postpone', 'refer')),
  postpone_until date,
  refer_to text CHECK (length(refer_to) BETWEEN 1 AND 200),
  reason text CHECK (length(reason) BETWEEN 1 AND 500),
  note text CHECK (length(note) BETWEEN 1 AND 1000),
  screened_by uuid NOT NULL,
  screened_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((outcome = 'postpone') = (postpone_until IS NOT NULL)),
  CHECK ((outcome = 'refer') = (refer_to IS NOT NULL)),
  CHECK (outcome = 'vaccinate' OR reason IS NOT NULL),
  CHECK (outcome <> 'vaccinate' OR assessment IN ('fit', 'precaution'))
);

-- The dose given at a visit (doses recorded without a visit keep NULL): one dose per visit.
ALTER TABLE dose_records ADD COLUMN visit_id uuid REFERENCES vaccination_visits (id);
CREATE UNIQUE INDEX dose_records_visit_idx ON dose_records (visit_id) WHERE visit_id IS NOT NULL;

-- The 30 minutes after a dose given at a visit. Open while ended_at is NULL.
CREATE TABLE vaccination_observations (
  dose_id uuid PRIMARY KEY REFERENCES dose_records (id),
  visit_id uuid NOT NULL REFERENCES vaccination_visits (id),
  site_id uuid NOT NULL REFERENCES vaccination_sites (id),
  started_at timestamptz NOT NULL,
  due_at timestamptz NOT NULL,
  ended_at timestamptz,
  outcome text CHECK (outcome IN ('no_reaction', 'reaction', 'left_early')),
  note text CHECK (length(note) BETWEEN 1 AND 500),
  ended_by uuid,
  CHECK (due_at > started_at),
  CHECK ((ended_at IS NULL) = (outcome IS NULL))
);
CREATE INDEX vaccination_observations_open_idx ON vaccination_observations (site_id, started_at) WHERE ended_at IS NULL;

-- An adverse event following immunisation, reported on one dose. The id is the client's.
-- unit_code is the site's commune: health staff list reports by unit (the person's commune is
-- reached through people). status follows the latest follow-up.
CREATE TABLE vaccination_aefi_reports (
  id uuid PRIMARY KEY,
  dose_id uuid NOT NULL REFERENCES dose_records (id),
  person_id uuid NOT NULL REFERENCES people (id),
  site_id uuid NOT NULL REFERENCES vaccination_sites (id),
  unit_code text NOT NULL REFERENCES units (code),
  onset_at timestamptz NOT NULL,
  severity text NOT NULL CHECK (severity IN ('mild', 'serious')),
  symptoms text[] NOT NULL CHECK (cardinality(symptoms) >= 1),
  description text CHECK (length(description) BETWEEN 1 AND 2000),
  action text NOT NULL CHECK (action IN ('observed', 'treated_on_site', 'referred')),
  action_note text CHECK (length(action_note) BETWEEN 1 AND 1000),
  hospital text CHECK (length(hospital) BETWEEN 1 AND 200),
  status text NOT NULL DEFAULT 'reported' CHECK (status IN ('reported', 'recovering', 'recovered', 'hospitalised', 'died', 'unknown')),
  reported_by uuid NOT NULL,
  reported_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((action = 'referred') = (hospital IS NOT NULL))
);
CREATE INDEX vaccination_aefi_reports_unit_idx ON vaccination_aefi_reports (unit_code, severity, reported_at);
CREATE INDEX vaccination_aefi_reports_person_idx ON vaccination_aefi_reports (person_id);
CREATE INDEX vaccination_aefi_reports_dose_idx ON vaccination_aefi_reports (dose_id);

-- How the person is doing, over time. The id is the client's.
CREATE TABLE vaccination_aefi_followups (
  id uuid PRIMARY KEY,
  report_id uuid NOT NULL REFERENCES vaccination_aefi_reports (id),
  status text NOT NULL CHECK (status IN ('recovering', 'recovered', 'hospitalised', 'died', 'unknown')),
  note text CHECK (length(note) BETWEEN 1 AND 1000),
  observed_at timestamptz NOT NULL,
  recorded_by uuid NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX vaccination_aefi_followups_report_idx ON vaccination_aefi_followups (report_id, observed_at);
