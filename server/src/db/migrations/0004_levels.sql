-- Epidemic levels (Resolution 128/NQ-CP): adjusted rule sets, weekly inputs per unit,
-- assessments (draft → published) with a result per unit, adjustments and history.
-- The built-in rule sets ship as JSON files with the code (modules/levels/rules/); this table
-- holds the ones health staff create. A rule set never changes: an adjustment is a new id.
-- Who did what (…_by) is a user id, or the system actor's for imports and computed figures,
-- so like audit_log.actor_id it has no foreign key to users.
CREATE TABLE level_rule_sets (
  id text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9._-]{1,63}$'),
  name text NOT NULL,
  effective_from date NOT NULL,
  -- the rule set document (format ⚑ of issue 4), as validated
  definition jsonb NOT NULL,
  based_on text,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- What staff entered or imported for a unit and an ISO week (Asia/Ho_Chi_Minh). Every field
-- may be empty until the draft needs it; a draft names each missing one.
CREATE TABLE level_inputs (
  week text NOT NULL CHECK (week ~ '^[0-9]{4}-W(0[1-9]|[1-4][0-9]|5[0-3])$'),
  unit_code text NOT NULL REFERENCES units (code),
  new_community_cases_7d integer CHECK (new_community_cases_7d >= 0),
  -- NULL: the population of the units table
  population integer CHECK (population > 0),
  -- vaccination shares (0 to 1) by indicator name, e.g. {"adultsFirstDoseShare": 0.82}
  indicators jsonb NOT NULL DEFAULT '{}',
  capacity_met boolean,
  -- NULL: the unit's published level before this week
  previous_level smallint CHECK (previous_level BETWEEN 1 AND 4),
  updated_by uuid,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (week, unit_code)
);
CREATE INDEX level_inputs_unit_idx ON level_inputs (unit_code, week);

CREATE TABLE level_assessments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  week text NOT NULL CHECK (week ~ '^[0-9]{4}-W(0[1-9]|[1-4][0-9]|5[0-3])$'),
  -- the unit whose tree was assessed (the province, or a district)
  root_code text NOT NULL REFERENCES units (code),
  rule_set_id text NOT NULL,
  -- the rule set as applied, so a result can be explained after the rules change
  rule_set jsonb NOT NULL,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
  warnings jsonb NOT NULL DEFAULT '[]',
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  computed_at timestamptz NOT NULL DEFAULT now(),
  effective_from date,
  published_by uuid,
  published_at timestamptz,
  CHECK ((status = 'published') = (published_at IS NOT NULL AND effective_from IS NOT NULL))
);
-- One open draft per week and tree: computing again recomputes it.
CREATE UNIQUE INDEX level_assessments_draft_idx ON level_assessments (week, root_code) WHERE status = 'draft';
CREATE INDEX level_assessments_published_idx ON level_assessments (effective_from, published_at) WHERE status = 'published';

CREATE TABLE level_results (
  assessment_id uuid NOT NULL REFERENCES level_assessments (id) ON DELETE CASCADE,
  unit_code text NOT NULL REFERENCES units (code),
  -- the engine's level, and the level after an adjustment (what is published)
  computed_level smallint NOT NULL CHECK (computed_level BETWEEN 1 AND 4),
  level smallint NOT NULL CHECK (level BETWEEN 1 AND 4),
  band smallint NOT NULL CHECK (band BETWEEN 1 AND 4),
  cases_per_100k double precision NOT NULL,
  -- the figures used (own or aggregated), and why: [{code, text, values}]
  basis jsonb NOT NULL,
  reasons jsonb NOT NULL,
  adjustment_reason text,
  adjusted_by uuid,
  adjusted_at timestamptz,
  PRIMARY KEY (assessment_id, unit_code),
  CHECK ((adjusted_at IS NULL) = (adjustment_reason IS NULL))
);
-- History and current level of a unit: its results in published assessments.
CREATE INDEX level_results_unit_idx ON level_results (unit_code);
