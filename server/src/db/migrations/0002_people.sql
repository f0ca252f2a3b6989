-- One identity for every module: people, households, organisations.
CREATE TABLE people (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  full_name text NOT NULL,
  -- lower case, Vietnamese diacritics removed, single spaces: search and duplicate detection
  name_folded text NOT NULL,
  national_id text CHECK (national_id ~ '^[0-9]{12}$'),
  birth_date date,
  birth_year integer NOT NULL CHECK (birth_year BETWEEN 1890 AND 2200),
  sex text CHECK (sex IN ('male', 'female', 'other')),
  phone text CHECK (phone ~ '^\+84[0-9]{9,10}$'),
  address text,
  commune_code text NOT NULL REFERENCES units (code),
  -- set when this record was merged into another: the survivor holds every linked record
  merged_into uuid REFERENCES people (id),
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (birth_date IS NULL OR birth_year = extract(year FROM birth_date))
);
CREATE INDEX people_national_id_idx ON people (national_id) WHERE merged_into IS NULL;
CREATE INDEX people_phone_idx ON people (phone, birth_year) WHERE merged_into IS NULL;
CREATE INDEX people_name_idx ON people (name_folded, birth_date, commune_code) WHERE merged_into IS NULL;
CREATE INDEX people_name_trgm_idx ON people USING gin (name_folded gin_trgm_ops);
CREATE INDEX people_commune_idx ON people (commune_code);

CREATE TABLE households (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  head_person_id uuid REFERENCES people (id),
  address text,
  commune_code text NOT NULL REFERENCES units (code),
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX households_commune_idx ON households (commune_code);

-- A person belongs to at most one household.
CREATE TABLE household_members (
  person_id uuid PRIMARY KEY REFERENCES people (id),
  household_id uuid NOT NULL REFERENCES households (id) ON DELETE CASCADE,
  relation text
);
CREATE INDEX household_members_household_idx ON household_members (household_id);

CREATE TABLE organisations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  name_folded text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('factory', 'office', 'school', 'market', 'hospital', 'shop', 'restaurant', 'farm', 'religious', 'transport', 'other')),
  commune_code text NOT NULL REFERENCES units (code),
  address text,
  phone text,
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX organisations_commune_idx ON organisations (commune_code);

CREATE TABLE organisation_members (
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  person_id uuid NOT NULL REFERENCES people (id),
  team text,
  PRIMARY KEY (organisation_id, person_id)
);
CREATE INDEX organisation_members_person_idx ON organisation_members (person_id);

-- Pairs that staff reviewed and found to be two different people (smaller id first).
CREATE TABLE people_distinct_pairs (
  person_a uuid NOT NULL REFERENCES people (id),
  person_b uuid NOT NULL REFERENCES people (id),
  decided_by uuid REFERENCES users (id),
  decided_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (person_a, person_b),
  CHECK (person_a < person_b)
);
