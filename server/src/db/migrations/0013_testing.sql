-- Testing (issue #7): sampling sessions, tubes and who is in them, laboratory results with their
-- history, each person's result, and the next steps a positive or invalid result creates.
-- Contract: docs/API-TESTING.md. People are referenced through foreign keys to people(id), so a
-- merge moves these rows with the person.

-- Printed labels and the retest tubes the system plans take their barcodes from here, so two
-- sheets never carry the same code (barcodes.ts formats it with a check digit).
CREATE SEQUENCE tube_barcode_seq;

-- A sampling session: where (a testing site, an area, or an organisation), when, who samples,
-- which test and how samples are grouped.
CREATE TABLE sampling_sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  place_id uuid REFERENCES places (id),
  organisation_id uuid REFERENCES organisations (id),
  -- the unit whose staff own the session and its tubes (scope)
  commune_code text NOT NULL REFERENCES units (code),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  team text[] NOT NULL DEFAULT '{}',
  test_type text NOT NULL CHECK (test_type IN ('rt_pcr', 'rapid_antigen')),
  mode text NOT NULL CHECK (mode IN ('individual', 'pooled', 'household_representative', 'organisation_representative')),
  -- how a positive pool is retested: from single samples the lab kept, or by sampling people again
  pooling text CHECK (pooling IN ('lab_aliquot', 'collection_swab')),
  high_risk boolean NOT NULL DEFAULT false,
  -- the most people sampled into one tube in this session (1 for individual sessions)
  pool_cap integer NOT NULL CHECK (pool_cap BETWEEN 1 AND 64),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at),
  CHECK (mode <> 'pooled' OR pooling IS NOT NULL),
  CHECK (mode <> 'individual' OR (pooling IS NULL AND pool_cap = 1))
);
CREATE INDEX sampling_sessions_commune_idx ON sampling_sessions (commune_code, starts_at DESC);
CREATE INDEX sampling_sessions_organisation_idx ON sampling_sessions (organisation_id) WHERE organisation_id IS NOT NULL;

-- A tube: one person's sample, a pool, or a representative sample; or a retest the system planned
-- after a positive or invalid result (made in the lab from kept aliquots, or sampled again).
CREATE TABLE tubes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  barcode text NOT NULL UNIQUE CHECK (barcode ~ '^[A-Za-z0-9-]{4,40}$'),
  session_id uuid NOT NULL REFERENCES sampling_sessions (id),
  commune_code text NOT NULL REFERENCES units (code),
  kind text NOT NULL CHECK (kind IN ('individual', 'pool', 'representative')),
  origin text NOT NULL DEFAULT 'collected' CHECK (origin IN ('collected', 'aliquot', 'resample')),
  parent_tube_id uuid REFERENCES tubes (id),
  -- most people sampled into it
  capacity integer NOT NULL CHECK (capacity BETWEEN 1 AND 64),
  -- planned: a retest not yet made or sampled; collecting: open at the collection point
  status text NOT NULL DEFAULT 'collecting' CHECK (status IN ('planned', 'collecting', 'sealed', 'received', 'resulted')),
  opened_by uuid,
  opened_at timestamptz NOT NULL DEFAULT now(),
  sealed_at timestamptz,
  received_by uuid,
  received_at timestamptz,
  resulted_at timestamptz,
  CHECK ((origin = 'collected') = (parent_tube_id IS NULL))
);
CREATE INDEX tubes_session_idx ON tubes (session_id);
CREATE INDEX tubes_parent_idx ON tubes (parent_tube_id) WHERE parent_tube_id IS NOT NULL;
CREATE INDEX tubes_planned_idx ON tubes (commune_code, origin) WHERE status = 'planned';

-- Who is in a tube: people sampled into it, and people a sampled member represents (their
-- household or team), who were not sampled themselves. The id is the client's, so an offline
-- collector sending the same scan again changes nothing.
CREATE TABLE tube_members (
  id uuid PRIMARY KEY,
  tube_id uuid NOT NULL REFERENCES tubes (id),
  person_id uuid NOT NULL REFERENCES people (id),
  role text NOT NULL CHECK (role IN ('sampled', 'represented')),
  represented_by uuid REFERENCES people (id),
  household_id uuid REFERENCES households (id),
  organisation_id uuid REFERENCES organisations (id),
  team text,
  sampled_at timestamptz,
  collected_by uuid,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tube_id, person_id),
  CHECK ((role = 'sampled') = (sampled_at IS NOT NULL)),
  CHECK ((role = 'represented') = (represented_by IS NOT NULL))
);
CREATE INDEX tube_members_person_idx ON tube_members (person_id);

-- A laboratory result of a tube. A correction adds a row that supersedes the current one and
-- says why; the history stays.
CREATE TABLE tube_results (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tube_id uuid NOT NULL REFERENCES tubes (id),
  outcome text NOT NULL CHECK (outcome IN ('positive', 'negative', 'invalid')),
  -- cycle thresholds by target gene, e.g. {"N": 24.1, "ORF1ab": 25.3}
  ct_values jsonb,
  source text NOT NULL CHECK (source IN ('manual', 'csv', 'api')),
  entered_by uuid NOT NULL,
  entered_at timestamptz NOT NULL DEFAULT now(),
  supersedes uuid REFERENCES tube_results (id),
  correction_reason text,
  current boolean NOT NULL DEFAULT true,
  CHECK ((supersedes IS NULL) = (correction_reason IS NULL))
);
CREATE UNIQUE INDEX tube_results_current_idx ON tube_results (tube_id) WHERE current;

-- What a tube's result means for each person in it. A positive pool makes its members
-- retest_pending (the next step is a retest tube); only an individual test makes a person positive.
CREATE TABLE person_results (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id uuid NOT NULL REFERENCES people (id),
  tube_id uuid NOT NULL REFERENCES tubes (id),
  tube_result_id uuid NOT NULL REFERENCES tube_results (id),
  test_type text NOT NULL CHECK (test_type IN ('rt_pcr', 'rapid_antigen')),
  outcome text NOT NULL CHECK (outcome IN ('negative', 'negative_by_representation', 'positive', 'retest_pending', 'invalid')),
  -- when the person, or the member representing them, was sampled
  sampled_at timestamptz NOT NULL,
  resulted_at timestamptz NOT NULL DEFAULT now(),
  -- false once the tube's result was corrected
  current boolean NOT NULL DEFAULT true,
  commune_code text NOT NULL REFERENCES units (code),
  UNIQUE (person_id, tube_result_id)
);
CREATE INDEX person_results_person_idx ON person_results (person_id, sampled_at DESC);
-- coverage and prevalence per area and period
CREATE INDEX person_results_commune_idx ON person_results (commune_code, sampled_at) WHERE current;

-- An individual positive result proposes a confirmed case; health staff accept it (creating the
-- case) or dismiss it.
CREATE TABLE case_proposals (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_result_id uuid NOT NULL UNIQUE REFERENCES person_results (id),
  person_id uuid NOT NULL REFERENCES people (id),
  commune_code text NOT NULL REFERENCES units (code),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'dismissed')),
  case_id uuid REFERENCES cases (id),
  decided_by uuid,
  decided_at timestamptz,
  dismiss_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'open') = (decided_at IS NULL)),
  CHECK ((status = 'accepted') = (case_id IS NOT NULL))
);
CREATE INDEX case_proposals_open_idx ON case_proposals (commune_code) WHERE status = 'open';
