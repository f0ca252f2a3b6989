-- Platform: extensions, settings, administrative units, users, audit, login throttling.
CREATE EXTENSION IF NOT EXISTS postgis;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Small key/value settings owned by the platform (the token signing key, first-start markers).
CREATE TABLE settings (
  key text PRIMARY KEY,
  value text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE units (
  code text PRIMARY KEY,
  name text NOT NULL,
  short_name text NOT NULL,
  type text NOT NULL,
  level text NOT NULL CHECK (level IN ('province', 'district', 'commune')),
  parent_code text REFERENCES units (code),
  -- codes from the province down to this unit itself: scope checks are "user's unit = ANY(path)"
  path text[] NOT NULL,
  population integer CHECK (population >= 0),
  population_year integer CHECK (population_year BETWEEN 1900 AND 2200),
  population_source text,
  boundary geometry(MultiPolygon, 4326),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (
    (level = 'province' AND code ~ '^[0-9]{2}$' AND parent_code IS NULL)
    OR (level = 'district' AND code ~ '^[0-9]{3}$' AND parent_code IS NOT NULL)
    OR (level = 'commune' AND code ~ '^[0-9]{5}$' AND parent_code IS NOT NULL)
  )
);
CREATE INDEX units_parent_idx ON units (parent_code);
CREATE INDEX units_path_idx ON units USING gin (path);
CREATE INDEX units_boundary_idx ON units USING gist (boundary);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username text NOT NULL UNIQUE,
  display_name text,
  password_hash text NOT NULL,
  role text NOT NULL,
  -- NULL only for the national administrator: scope over every unit
  unit_code text REFERENCES units (code),
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE login_failures (
  username text NOT NULL,
  ip text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_user_idx ON login_failures (username, at);

CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor_id uuid,
  actor_username text,
  action text NOT NULL,
  entity text NOT NULL,
  entity_id text,
  reason text,
  -- changed fields only: {"field": {"before": …, "after": …}}
  changes jsonb,
  detail jsonb,
  request_id text
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id, at);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, at);
CREATE INDEX audit_log_at_idx ON audit_log (at);
