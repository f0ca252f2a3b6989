// SQL of the national export: batches, each dose's export status, the registry's answers.
// A dose belongs to the unit of the site that gave it.
import type { Queryable } from '../../db/database.js';
import { unitInScopeSql } from '../../platform/scope.js';
import type { ExportDose } from './fhir.js';

/** The most doses one batch takes: a file the registry and a browser can handle. */
export const MAX_BATCH_DOSES = 50_000;

export interface BatchRow {
  id: string;
  unit_code: string;
  dose_count: number;
  created_at: Date;
  created_by: string | null;
  exported: number;
  acknowledged: number;
  rejected: number;
  unanswered: number;
}

const BATCH_COLUMNS = `b.id, b.unit_code, b.dose_count, b.created_at, (SELECT username FROM users WHERE id = b.created_by) AS created_by,
  (SELECT count(*)::int FROM vaccination_export_items i WHERE i.batch_id = b.id) AS exported,
  (SELECT count(*)::int FROM vaccination_export_items i WHERE i.batch_id = b.id AND i.outcome = 'acknowledged') AS acknowledged,
  (SELECT count(*)::int FROM vaccination_export_items i WHERE i.batch_id = b.id AND i.outcome = 'rejected') AS rejected,
  (SELECT count(*)::int FROM vaccination_export_items i WHERE i.batch_id = b.id AND i.outcome IS NULL) AS unanswered`;

/**
 * Doses of the unit waiting for export: never exported, queued again, or rejected and since
 * corrected (the person's record changed after the rejection).
 */
const ELIGIBLE = `SELECT d.id FROM dose_records d
  JOIN vaccination_sites s ON s.id = d.site_id JOIN units u ON u.code = s.commune_code
  JOIN people p ON p.id = d.person_id
  LEFT JOIN dose_export_status st ON st.dose_id = d.id
  WHERE $1 = ANY (u.path)
    AND (st.dose_id IS NULL OR st.status = 'pending' OR (st.status = 'rejected' AND p.updated_at > st.answered_at))
  ORDER BY d.administered_at, d.id LIMIT ${MAX_BATCH_DOSES}`;

export async function insertBatch(tx: Queryable, id: string, unitCode: string, createdBy: string): Promise<void> {
  // dose_count is set once the doses are taken (a batch is never empty: the transaction rolls back)
  await tx.query('INSERT INTO vaccination_export_batches (id, unit_code, dose_count, created_by) VALUES ($1, $2, 1, $3)', [id, unitCode, createdBy]);
}

/** Marks the unit's eligible doses exported in this batch; a dose another batch took meanwhile is left to it. */
export async function takeDoses(tx: Queryable, batchId: string, unitCode: string): Promise<string[]> {
  const rows = await tx.query<{ dose_id: string }>(
    `INSERT INTO dose_export_status AS st (dose_id, status, batch_id, exported_at)
     SELECT e.id, 'exported', $2, now() FROM (${ELIGIBLE}) e
     ON CONFLICT (dose_id) DO UPDATE SET status = 'exported', batch_id = EXCLUDED.batch_id, exported_at = EXCLUDED.exported_at,
       answered_at = NULL, reason = NULL, registry_id = NULL, updated_at = now()
     WHERE st.status IN ('pending', 'rejected')
     RETURNING st.dose_id`,
    [unitCode, batchId],
  );
  const ids = rows.map((row) => row.dose_id);
  await tx.query('INSERT INTO vaccination_export_items (batch_id, dose_id) SELECT $1, unnest($2::uuid[])', [batchId, ids]);
  await tx.query('UPDATE vaccination_export_batches SET dose_count = $2 WHERE id = $1', [batchId, Math.max(ids.length, 1)]);
  return ids;
}

export async function findBatch(db: Queryable, id: string, scope: string | null): Promise<BatchRow | null> {
  const [row] = await db.query<BatchRow>(`SELECT ${BATCH_COLUMNS} FROM vaccination_export_batches b WHERE b.id = $1 AND ${unitInScopeSql('b.unit_code', 2)}`, [id, scope]);
  return row ?? null;
}

export async function listBatches(db: Queryable, unitCode: string | null, scope: string | null, limit: number): Promise<BatchRow[]> {
  return db.query<BatchRow>(
    `SELECT ${BATCH_COLUMNS} FROM vaccination_export_batches b
     WHERE ${unitInScopeSql('b.unit_code', 1)} AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM units u WHERE u.code = b.unit_code AND $2 = ANY (u.path)))
     ORDER BY b.created_at DESC, b.id LIMIT $3`,
    [scope, unitCode, limit],
  );
}

/** Every dose of a batch with what the FHIR resources and the CSV need, in the order given. */
export async function batchDoses(db: Queryable, batchId: string): Promise<(ExportDose & { status: string; reason: string | null })[]> {
  return db.query(
    `SELECT d.id AS dose_id, d.person_id, d.product_code, vp.name AS product_name, l.lot_number, to_char(l.expires_on, 'YYYY-MM-DD') AS expires_on,
       d.administered_at, d.recorded_at, s.id AS site_id, s.name AS site_name, d.vaccinator_id, vu.username AS vaccinator,
       (SELECT count(*)::int FROM dose_records d1 WHERE d1.person_id = d.person_id
          AND (d1.administered_at, d1.recorded_at, d1.id) <= (d.administered_at, d.recorded_at, d.id)) AS position,
       (SELECT sp.primary_doses FROM dose_records d0 JOIN vaccine_products sp ON sp.code = d0.product_code WHERE d0.person_id = d.person_id
          ORDER BY d0.administered_at, d0.recorded_at, d0.id LIMIT 1) AS series_doses,
       p.full_name, p.national_id, to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date, p.birth_year, p.sex, p.address,
       p.commune_code, c.name AS commune_name, dist.name AS district_name, prov.name AS province_name,
       COALESCE(st.status, 'pending') AS status, st.reason
     FROM vaccination_export_items i
     JOIN dose_records d ON d.id = i.dose_id
     JOIN vaccine_products vp ON vp.code = d.product_code
     JOIN vaccine_lots l ON l.id = d.lot_id
     JOIN vaccination_sites s ON s.id = d.site_id
     JOIN people p ON p.id = d.person_id
     JOIN units c ON c.code = p.commune_code
     LEFT JOIN units dist ON dist.code = c.parent_code AND dist.level = 'district'
     LEFT JOIN units prov ON prov.code = c.path[1]
     LEFT JOIN users vu ON vu.id = d.vaccinator_id
     LEFT JOIN dose_export_status st ON st.dose_id = d.id
     WHERE i.batch_id = $1
     ORDER BY d.person_id, d.administered_at, d.recorded_at, d.id`,
    [batchId],
  );
}

export interface ItemRow {
  dose_id: string;
  outcome: 'acknowledged' | 'rejected' | null;
  reason: string | null;
  registry_id: string | null;
  current_batch: string | null;
}

/** The batch's items for these doses, locked with the doses' current status. */
export async function lockItems(tx: Queryable, batchId: string, doseIds: string[]): Promise<ItemRow[]> {
  return tx.query<ItemRow>(
    `SELECT i.dose_id, i.outcome, i.reason, i.registry_id, st.batch_id AS current_batch
     FROM vaccination_export_items i LEFT JOIN dose_export_status st ON st.dose_id = i.dose_id
     WHERE i.batch_id = $1 AND i.dose_id = ANY ($2::uuid[]) ORDER BY i.dose_id FOR UPDATE OF i`,
    [batchId, doseIds],
  );
}

export interface Answer {
  doseId: string;
  outcome: 'acknowledged' | 'rejected';
  reason: string | null;
  registryId: string | null;
}

export async function recordAnswer(tx: Queryable, batchId: string, answer: Answer, current: boolean): Promise<void> {
  await tx.query(
    `UPDATE vaccination_export_items SET outcome = $3, reason = $4, registry_id = $5, answered_at = now() WHERE batch_id = $1 AND dose_id = $2`,
    [batchId, answer.doseId, answer.outcome, answer.reason, answer.registryId],
  );
  if (!current) return;
  await tx.query(
    `UPDATE dose_export_status SET status = $3, reason = $4, registry_id = $5, answered_at = now(), updated_at = now() WHERE dose_id = $2 AND batch_id = $1`,
    [batchId, answer.doseId, answer.outcome, answer.reason, answer.registryId],
  );
}

/** Rejected doses of the unit queued again (the official corrected them); returns the ids queued. */
export async function requeue(tx: Queryable, doseIds: string[], scope: string | null): Promise<string[]> {
  const rows = await tx.query<{ dose_id: string }>(
    `UPDATE dose_export_status st SET status = 'pending', reason = NULL, updated_at = now()
     FROM dose_records d JOIN vaccination_sites s ON s.id = d.site_id
     WHERE st.dose_id = d.id AND st.dose_id = ANY ($1::uuid[]) AND st.status = 'rejected' AND ${unitInScopeSql('s.commune_code', 2)}
     RETURNING st.dose_id`,
    [doseIds, scope],
  );
  return rows.map((row) => row.dose_id);
}

export interface StatusRow {
  unit_code: string;
  total: number;
  pending: number;
  exported: number;
  acknowledged: number;
  rejected: number;
}

/** Doses per export status for each unit (by the site that gave them). */
export async function statusCounts(db: Queryable, units: string[]): Promise<StatusRow[]> {
  return db.query<StatusRow>(
    `SELECT anc.code AS unit_code, count(*)::int AS total,
       count(*) FILTER (WHERE st.status IS NULL OR st.status = 'pending')::int AS pending,
       count(*) FILTER (WHERE st.status = 'exported')::int AS exported,
       count(*) FILTER (WHERE st.status = 'acknowledged')::int AS acknowledged,
       count(*) FILTER (WHERE st.status = 'rejected')::int AS rejected
     FROM dose_records d JOIN vaccination_sites s ON s.id = d.site_id JOIN units u ON u.code = s.commune_code
     CROSS JOIN LATERAL unnest(u.path) AS anc(code)
     LEFT JOIN dose_export_status st ON st.dose_id = d.id
     WHERE anc.code = ANY ($1::text[]) GROUP BY anc.code`,
    [units],
  );
}

/** Rejected doses of the unit with the registry's reason (no personal data beyond the ids). */
export async function rejectedDoses(db: Queryable, unitCode: string, limit: number): Promise<{ dose_id: string; person_id: string; batch_id: string; reason: string; answered_at: Date }[]> {
  return db.query(
    `SELECT st.dose_id, d.person_id, st.batch_id, st.reason, st.answered_at FROM dose_export_status st
     JOIN dose_records d ON d.id = st.dose_id JOIN vaccination_sites s ON s.id = d.site_id JOIN units u ON u.code = s.commune_code
     WHERE st.status = 'rejected' AND $1 = ANY (u.path) ORDER BY st.answered_at DESC, st.dose_id LIMIT $2`,
    [unitCode, limit],
  );
}
