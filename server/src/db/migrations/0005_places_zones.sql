-- Places on the public map (testing and vaccination sites, quarantine facilities, hospitals,
-- health centres, entry checkpoints) and zones (lockdown zones, medical isolation areas).
CREATE TABLE places (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- optional reference of the health department's own list: CSV imports update by it
  code text UNIQUE,
  kind text NOT NULL CHECK (kind IN ('testing_site', 'vaccination_site', 'quarantine_facility', 'hospital', 'health_centre', 'checkpoint')),
  name text NOT NULL,
  address text,
  commune_code text NOT NULL REFERENCES units (code),
  position geography(Point, 4326) NOT NULL,
  opening_hours text,
  phone text,
  capacity integer CHECK (capacity >= 0),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'full', 'suspended', 'closed')),
  valid_from date,
  valid_to date,
  notes text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from)
);
CREATE INDEX places_position_idx ON places USING gist (position);
CREATE INDEX places_kind_idx ON places (kind, status);
CREATE INDEX places_commune_idx ON places (commune_code);

CREATE TABLE zones (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('lockdown', 'isolation')),
  name text NOT NULL,
  -- the unit the zone lies in (commune or district): scope of the staff who may edit it
  unit_code text NOT NULL REFERENCES units (code),
  area geometry(MultiPolygon, 4326) NOT NULL,
  starts_on date NOT NULL,
  -- NULL: until lifted
  ends_on date,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'lifted', 'cancelled')),
  decision_number text,
  decision_date date,
  decision_body text,
  description text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on IS NULL OR ends_on >= starts_on)
);
CREATE INDEX zones_area_idx ON zones USING gist (area);
CREATE INDEX zones_dates_idx ON zones (starts_on, ends_on) WHERE status = 'active';
CREATE INDEX zones_unit_idx ON zones (unit_code);
