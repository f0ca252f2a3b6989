// SQL of observations after a dose: the open ones of a site, one locked to end it.
import type { Queryable } from '../../db/database.js';

/** An open observation older than this is no longer shown (the day's sessions are long over). */
export const OBSERVATION_LIST_HOURS = 12;

export interface OpenObservationRow {
  dose_id: string;
  visit_id: string;
  person_id: string;
  full_name: string;
  birth_year: number;
  product_code: string;
  lot_number: string;
  dose_number: number;
  started_at: Date;
  due_at: Date;
}

export async function openObservations(db: Queryable, siteId: string): Promise<OpenObservationRow[]> {
  return db.query<OpenObservationRow>(
    `SELECT o.dose_id, o.visit_id, d.person_id, p.full_name, p.birth_year, d.product_code, l.lot_number, d.dose_number, o.started_at, o.due_at
     FROM vaccination_observations o JOIN dose_records d ON d.id = o.dose_id JOIN people p ON p.id = d.person_id JOIN vaccine_lots l ON l.id = d.lot_id
     WHERE o.site_id = $1 AND o.ended_at IS NULL AND o.started_at > now() - make_interval(hours => $2)
     ORDER BY o.due_at, o.dose_id`,
    [siteId, OBSERVATION_LIST_HOURS],
  );
}

export interface ObservationRow {
  dose_id: string;
  visit_id: string;
  site_id: string;
  due_at: Date;
  ended_at: Date | null;
  outcome: string | null;
  note: string | null;
  aefi_id: string | null;
}

export async function lockObservation(tx: Queryable, doseId: string): Promise<ObservationRow | null> {
  const [row] = await tx.query<ObservationRow>(
    `SELECT o.dose_id, o.visit_id, o.site_id, o.due_at, o.ended_at, o.outcome, o.note,
       (SELECT r.id FROM vaccination_aefi_reports r WHERE r.dose_id = o.dose_id ORDER BY r.reported_at LIMIT 1) AS aefi_id
     FROM vaccination_observations o WHERE o.dose_id = $1 FOR UPDATE OF o`,
    [doseId],
  );
  return row ?? null;
}

export async function endObservationRow(tx: Queryable, doseId: string, v: { outcome: string; note: string | null; endedBy: string }): Promise<Date> {
  const [row] = await tx.query<{ ended_at: Date }>(
    'UPDATE vaccination_observations SET ended_at = now(), outcome = $2, note = $3, ended_by = $4 WHERE dose_id = $1 RETURNING ended_at',
    [doseId, v.outcome, v.note, v.endedBy],
  );
  return row!.ended_at;
}
