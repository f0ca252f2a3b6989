-- Vaccination (issue #8), first slice: the vaccine catalogue, vaccination sites, lots and their
-- stock as a ledger of movements, and dose records. Contract: docs/API-VACCINATION.md.
-- Dose records reference people(id), so merging two people moves every dose to the survivor.

-- The catalogue is configuration data: the server writes it at start from
-- modules/vaccination/products.json (the file is the source; these rows let SQL join and refer).
CREATE TABLE vaccine_products (
  code text PRIMARY KEY CHECK (code ~ '^[A-Z0-9_]{2,40}$'),
  name text NOT NULL,
  manufacturer text NOT NULL,
  -- doses in the primary series, and the minimum days between dose k and dose k+1 of it
  primary_doses integer NOT NULL CHECK (primary_doses BETWEEN 1 AND 5),
  min_interval_days integer[] NOT NULL,
  -- a booster (any dose after the primary series): how long after the series' last dose (or the
  -- previous booster), and which products may boost a series of this product; null: no booster rule
  booster_min_days integer CHECK (booster_min_days >= 0),
  booster_products text[] NOT NULL DEFAULT '{}',
  -- products whose started primary series this product may complete (mixed schedules)
  completes_series_of text[] NOT NULL DEFAULT '{}',
  doses_per_vial integer NOT NULL CHECK (doses_per_vial BETWEEN 1 AND 50),
  storage text NOT NULL,
  -- hours an opened (punctured or diluted) vial may be used
  opened_vial_hours integer CHECK (opened_vial_hours > 0),
  source text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (cardinality(min_interval_days) = primary_doses - 1)
);

-- Where doses are given: a place of the map, or just a name in a commune (a school, a hall).
CREATE TABLE vaccination_sites (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  commune_code text NOT NULL REFERENCES units (code),
  place_id uuid REFERENCES places (id),
  active boolean NOT NULL DEFAULT true,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX vaccination_sites_commune_idx ON vaccination_sites (commune_code);

-- A lot of one product. Its row is also the lock every stock movement of the lot takes, so two
-- doses racing for the last dose of a lot are serialised and never overdraw it.
CREATE TABLE vaccine_lots (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  product_code text NOT NULL REFERENCES vaccine_products (code),
  lot_number text NOT NULL CHECK (lot_number ~ '^[A-Za-z0-9./-]{1,40}$'),
  expires_on date NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (product_code, lot_number)
);

-- A delivery received into a store (the province's, or a district's): one lot, a number of doses.
CREATE TABLE vaccine_shipments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  lot_id uuid NOT NULL REFERENCES vaccine_lots (id),
  unit_code text NOT NULL REFERENCES units (code),
  doses integer NOT NULL CHECK (doses > 0),
  received_at timestamptz NOT NULL,
  reference text,
  received_by uuid,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX vaccine_shipments_lot_idx ON vaccine_shipments (lot_id);

-- Stock moves between holders: a store (unit_code) or a site (site_id).
CREATE TABLE vaccine_transfers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  lot_id uuid NOT NULL REFERENCES vaccine_lots (id),
  -- allocation: down the tree (province → district → site); transfer: any other move
  kind text NOT NULL CHECK (kind IN ('allocation', 'transfer')),
  from_unit_code text REFERENCES units (code),
  from_site_id uuid REFERENCES vaccination_sites (id),
  to_unit_code text REFERENCES units (code),
  to_site_id uuid REFERENCES vaccination_sites (id),
  doses integer NOT NULL CHECK (doses > 0),
  note text,
  moved_by uuid,
  moved_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((from_unit_code IS NULL) <> (from_site_id IS NULL)),
  CHECK ((to_unit_code IS NULL) <> (to_site_id IS NULL))
);

-- Doses discarded at a site: what was left in an opened vial at the end of a session, a broken
-- vial, a cold-chain failure, an expired lot.
CREATE TABLE vaccine_wastage (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  lot_id uuid NOT NULL REFERENCES vaccine_lots (id),
  site_id uuid NOT NULL REFERENCES vaccination_sites (id),
  doses integer NOT NULL CHECK (doses > 0),
  reason text NOT NULL CHECK (reason IN ('opened_vial', 'broken', 'cold_chain', 'expired', 'other')),
  session_date date NOT NULL,
  note text,
  recorded_by uuid,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX vaccine_wastage_site_idx ON vaccine_wastage (site_id, session_date);

-- One dose given. The id is the client's (the vaccinator's phone), so sending it again records
-- nothing new. dose_number is derived from the person's history when recorded; it is not unique
-- per person, because a merge may bring two histories together and must keep every dose.
CREATE TABLE dose_records (
  id uuid PRIMARY KEY,
  person_id uuid NOT NULL REFERENCES people (id),
  product_code text NOT NULL REFERENCES vaccine_products (code),
  lot_id uuid NOT NULL REFERENCES vaccine_lots (id),
  site_id uuid NOT NULL REFERENCES vaccination_sites (id),
  dose_number integer NOT NULL CHECK (dose_number >= 1),
  kind text NOT NULL CHECK (kind IN ('primary', 'booster')),
  administered_at timestamptz NOT NULL,
  vaccinator_id uuid NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dose_records_person_idx ON dose_records (person_id, administered_at);
CREATE INDEX dose_records_lot_idx ON dose_records (lot_id);
CREATE INDEX dose_records_site_idx ON dose_records (site_id, administered_at);

-- The stock ledger: every change of a holder's doses of a lot, signed. Stock on hand is the sum
-- per holder and lot; each row points at the record that caused it.
CREATE TABLE vaccine_stock_movements (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  lot_id uuid NOT NULL REFERENCES vaccine_lots (id),
  unit_code text REFERENCES units (code),
  site_id uuid REFERENCES vaccination_sites (id),
  doses integer NOT NULL CHECK (doses <> 0),
  kind text NOT NULL CHECK (kind IN ('received', 'sent', 'arrived', 'administered', 'wasted')),
  shipment_id uuid REFERENCES vaccine_shipments (id),
  transfer_id uuid REFERENCES vaccine_transfers (id),
  wastage_id uuid REFERENCES vaccine_wastage (id),
  dose_id uuid REFERENCES dose_records (id),
  at timestamptz NOT NULL DEFAULT now(),
  CHECK ((unit_code IS NULL) <> (site_id IS NULL)),
  CHECK ((kind IN ('received', 'arrived')) = (doses > 0)),
  CHECK ((kind = 'received') = (shipment_id IS NOT NULL)),
  CHECK ((kind IN ('sent', 'arrived')) = (transfer_id IS NOT NULL)),
  CHECK ((kind = 'wasted') = (wastage_id IS NOT NULL)),
  CHECK ((kind = 'administered') = (dose_id IS NOT NULL AND doses = -1))
);
CREATE INDEX vaccine_stock_movements_lot_idx ON vaccine_stock_movements (lot_id, site_id, unit_code);
CREATE INDEX vaccine_stock_movements_site_idx ON vaccine_stock_movements (site_id) WHERE site_id IS NOT NULL;
CREATE INDEX vaccine_stock_movements_unit_idx ON vaccine_stock_movements (unit_code) WHERE unit_code IS NOT NULL;
