-- Vaccination (issue #8): export of doses to the national registry. Contract: docs/API-VACCINATION.md.
-- A dose without a row in dose_export_status is pending. An export batch takes the pending doses
-- (and rejected ones whose person was corrected, or that an official queued again) of a unit.

CREATE TABLE vaccination_export_batches (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- the unit whose sites' doses the batch holds
  unit_code text NOT NULL REFERENCES units (code),
  dose_count integer NOT NULL CHECK (dose_count > 0),
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX vaccination_export_batches_unit_idx ON vaccination_export_batches (unit_code, created_at);

-- Every dose each batch sent and the registry's answer to it in that batch (the history).
CREATE TABLE vaccination_export_items (
  batch_id uuid NOT NULL REFERENCES vaccination_export_batches (id),
  dose_id uuid NOT NULL REFERENCES dose_records (id),
  outcome text CHECK (outcome IN ('acknowledged', 'rejected')),
  reason text,
  registry_id text,
  answered_at timestamptz,
  PRIMARY KEY (batch_id, dose_id),
  CHECK ((outcome = 'rejected') = (reason IS NOT NULL))
);
CREATE INDEX vaccination_export_items_dose_idx ON vaccination_export_items (dose_id);

-- The current export status of a dose: where it was last sent and what the registry answered.
-- 'pending' rows are rejected doses an official queued again after correcting them.
CREATE TABLE dose_export_status (
  dose_id uuid PRIMARY KEY REFERENCES dose_records (id),
  status text NOT NULL CHECK (status IN ('pending', 'exported', 'acknowledged', 'rejected')),
  batch_id uuid NOT NULL REFERENCES vaccination_export_batches (id),
  exported_at timestamptz NOT NULL,
  answered_at timestamptz,
  reason text,
  registry_id text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'rejected') = (reason IS NOT NULL))
);
CREATE INDEX dose_export_status_status_idx ON dose_export_status (status);
