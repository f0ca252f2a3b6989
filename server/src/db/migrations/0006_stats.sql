-- Official daily figures per unit and date, entered or imported by health staff from the
-- health department's daily report. Case figures are new counts of that day; vaccination
-- figures are people vaccinated up to that day (running totals), as the report gives them.
CREATE TABLE stat_figures (
  unit_code text NOT NULL REFERENCES units (code),
  day date NOT NULL,
  confirmed_community integer CHECK (confirmed_community >= 0),
  confirmed_quarantine integer CHECK (confirmed_quarantine >= 0),
  suspected integer CHECK (suspected >= 0),
  recovered integer CHECK (recovered >= 0),
  deaths integer CHECK (deaths >= 0),
  vaccinated_first_dose integer CHECK (vaccinated_first_dose >= 0),
  vaccinated_full integer CHECK (vaccinated_full >= 0),
  vaccinated_booster integer CHECK (vaccinated_booster >= 0),
  -- share (0 to 1) of adults (18+) with at least one dose, as the report states it
  adults_coverage double precision CHECK (adults_coverage BETWEEN 0 AND 1),
  source text NOT NULL,
  as_of timestamptz NOT NULL,
  -- who entered it (no foreign key: the system actor of CLI imports has no user row; the audit log names them)
  entered_by uuid,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (unit_code, day)
);
CREATE INDEX stat_figures_day_idx ON stat_figures (day);
