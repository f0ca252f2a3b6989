-- Testing rounds (issue #7, "green fortress"): a programme tests an organisation or an area every
-- interval_hours (72 by default). Round n is the window [starts_at + (n-1)·interval, starts_at + n·interval);
-- a round exists when it opens before ends_at. Contract: docs/API-TESTING.md.
--
-- Who must be tested is a query over the current records, never a copied list (rounds.population.ts):
--   organisation: its members (organisation_members), only those of `teams` when set;
--   area: the people whose commune is commune_code;
-- in both cases records not merged into another, and, when min_age / max_age are set, only people of
-- that age in whole years on the round's opening day (from birth_date, else birth_year as if born on
-- 1 January). A person who joins the organisation is required from then on, in every round that is
-- computed afterwards, including past ones: rounds show today's population, not a snapshot.
CREATE TABLE testing_programmes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  kind text NOT NULL CHECK (kind IN ('organisation', 'area')),
  organisation_id uuid REFERENCES organisations (id),
  -- the unit whose staff own the programme (scope): the organisation's commune, or the area itself
  commune_code text NOT NULL REFERENCES units (code),
  -- organisation programmes only: the teams that must be tested (NULL: every member)
  teams text[],
  min_age integer CHECK (min_age BETWEEN 0 AND 150),
  max_age integer CHECK (max_age BETWEEN 0 AND 150),
  interval_hours integer NOT NULL DEFAULT 72 CHECK (interval_hours BETWEEN 1 AND 720),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz,
  -- share of the required people tested in a round for the round to count as covered
  coverage_target numeric(4, 3) NOT NULL DEFAULT 1.0 CHECK (coverage_target > 0 AND coverage_target <= 1),
  -- staff's decision; ending sets ends_at so that no further round opens
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'ended')),
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'organisation') = (organisation_id IS NOT NULL)),
  CHECK (kind = 'organisation' OR teams IS NULL),
  CHECK (teams IS NULL OR cardinality(teams) > 0),
  CHECK (min_age IS NULL OR max_age IS NULL OR min_age <= max_age),
  -- equal: ended before round 1 opened, so there is no round
  CHECK (ends_at IS NULL OR ends_at >= starts_at)
);
CREATE INDEX testing_programmes_commune_idx ON testing_programmes (commune_code, starts_at DESC);
CREATE INDEX testing_programmes_organisation_idx ON testing_programmes (organisation_id) WHERE organisation_id IS NOT NULL;

-- Reminders sent to people missed in a round: one row per message the outbox accepted. The outbox's
-- dedupe key ('testing-round:<programme>:<round>:<person>:sms') makes a repeated request send nothing
-- new; this table lets staff see who was reminded and when. No unique key on the person, so merging
-- two people who were both reminded is not blocked (the merge moves person_id like every reference).
CREATE TABLE testing_round_reminders (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  programme_id uuid NOT NULL REFERENCES testing_programmes (id),
  round_number integer NOT NULL CHECK (round_number >= 1),
  person_id uuid NOT NULL REFERENCES people (id),
  outbox_message_id uuid NOT NULL REFERENCES outbox_messages (id),
  sent_by uuid,
  sent_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX testing_round_reminders_round_idx ON testing_round_reminders (programme_id, round_number, person_id);


-- Rounds find people sampled whose tube has no result yet (neither tested nor missed) from the tubes
-- not resulted, a small set, instead of every tube each required person was ever in.
CREATE INDEX tubes_unresulted_idx ON tubes (id) WHERE status <> 'resulted';
