// SQL of AEFI reports and their follow-ups. A report is visible to staff whose scope holds the site
// where the dose was given or the commune where the person lives.
import type { Queryable } from '../../db/database.js';
import { unitInScopeSql } from '../../platform/scope.js';
import type { AefiListQuery, AefiReport, FollowUp } from './aefi.schema.js';

interface ReportRow {
  id: string;
  dose_id: string;
  person_id: string;
  full_name: string;
  birth_year: number;
  site_id: string;
  site_name: string;
  unit_code: string;
  product_code: string;
  lot_number: string;
  dose_number: number;
  administered_at: Date;
  onset_at: Date;
  severity: 'mild' | 'serious';
  symptoms: string[];
  description: string | null;
  action: 'observed' | 'treated_on_site' | 'referred';
  action_note: string | null;
  hospital: string | null;
  status: AefiReport['status'];
  reported_at: Date;
  reported_by: string;
  updated_at: Date;
}

const REPORT = `SELECT r.id, r.dose_id, r.person_id, p.full_name, p.birth_year, r.site_id, s.name AS site_name, r.unit_code, d.product_code, l.lot_number,
    d.dose_number, d.administered_at, r.onset_at, r.severity, r.symptoms, r.description, r.action, r.action_note, r.hospital, r.status,
    r.reported_at, r.reported_by, r.updated_at
  FROM vaccination_aefi_reports r JOIN people p ON p.id = r.person_id JOIN vaccination_sites s ON s.id = r.site_id
  JOIN dose_records d ON d.id = r.dose_id JOIN vaccine_lots l ON l.id = d.lot_id`;

/** $n holds the actor's scope. */
const visible = (n: number) => `(${unitInScopeSql('r.unit_code', n)} OR ${unitInScopeSql('p.commune_code', n)})`;

/** The whitelist of what leaves the server about a report. */
const presentReport = (row: ReportRow): AefiReport => ({
  id: row.id, doseId: row.dose_id, person: { id: row.person_id, fullName: row.full_name, birthYear: row.birth_year }, siteId: row.site_id,
  siteName: row.site_name, unitCode: row.unit_code, productCode: row.product_code, lotNumber: row.lot_number, doseNumber: row.dose_number,
  administeredAt: row.administered_at.toISOString(), onsetAt: row.onset_at.toISOString(), severity: row.severity, symptoms: row.symptoms,
  description: row.description, action: row.action, actionNote: row.action_note, hospital: row.hospital, status: row.status,
  reportedAt: row.reported_at.toISOString(), reportedBy: row.reported_by, updatedAt: row.updated_at.toISOString(),
});

export async function findReport(db: Queryable, id: string, scope: string | null, lock = false): Promise<AefiReport | null> {
  const [row] = await db.query<ReportRow>(`${REPORT} WHERE r.id = $1 AND ${visible(2)}${lock ? ' FOR UPDATE OF r' : ''}`, [id, scope]);
  return row ? presentReport(row) : null;
}

/** Whether a report id exists at all (a client id reused across scopes is still a conflict). */
export async function reportDoseOf(db: Queryable, id: string): Promise<string | null> {
  const [row] = await db.query<{ dose_id: string }>('SELECT dose_id FROM vaccination_aefi_reports WHERE id = $1', [id]);
  return row?.dose_id ?? null;
}

export interface DoseForReport {
  id: string;
  person_id: string;
  site_id: string;
  site_commune_code: string;
  administered_at: Date;
}

/** The dose, if the actor's scope holds its site or the person's commune. */
export async function findDoseForReport(db: Queryable, doseId: string, scope: string | null): Promise<DoseForReport | null> {
  const [row] = await db.query<DoseForReport>(
    `SELECT d.id, d.person_id, d.site_id, s.commune_code AS site_commune_code, d.administered_at
     FROM dose_records d JOIN vaccination_sites s ON s.id = d.site_id JOIN people p ON p.id = d.person_id
     WHERE d.id = $1 AND (${unitInScopeSql('s.commune_code', 2)} OR ${unitInScopeSql('p.commune_code', 2)})`,
    [doseId, scope],
  );
  return row ?? null;
}

export interface NewReport {
  id: string;
  dose: DoseForReport;
  onsetAt: Date;
  severity: 'mild' | 'serious';
  symptoms: string[];
  description: string | null;
  action: string;
  actionNote: string | null;
  hospital: string | null;
  reportedBy: string;
}

export async function insertReport(tx: Queryable, v: NewReport): Promise<void> {
  await tx.query(
    `INSERT INTO vaccination_aefi_reports (id, dose_id, person_id, site_id, unit_code, onset_at, severity, symptoms, description, action, action_note, hospital, reported_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [v.id, v.dose.id, v.dose.person_id, v.dose.site_id, v.dose.site_commune_code, v.onsetAt, v.severity, v.symptoms, v.description, v.action, v.actionNote, v.hospital, v.reportedBy],
  );
}

interface FollowUpRow { id: string; report_id: string; status: FollowUp['status']; note: string | null; observed_at: Date; recorded_at: Date; recorded_by: string }
const presentFollowUp = (row: FollowUpRow): FollowUp => ({
  id: row.id, status: row.status, note: row.note, observedAt: row.observed_at.toISOString(), recordedAt: row.recorded_at.toISOString(), recordedBy: row.recorded_by,
});

export async function followUpsOf(db: Queryable, reportId: string): Promise<FollowUp[]> {
  const rows = await db.query<FollowUpRow>('SELECT * FROM vaccination_aefi_followups WHERE report_id = $1 ORDER BY observed_at, recorded_at', [reportId]);
  return rows.map(presentFollowUp);
}

export async function findFollowUp(db: Queryable, id: string): Promise<{ report_id: string; status: string; note: string | null } | null> {
  const [row] = await db.query<{ report_id: string; status: string; note: string | null }>('SELECT report_id, status, note FROM vaccination_aefi_followups WHERE id = $1', [id]);
  return row ?? null;
}

export async function insertFollowUp(tx: Queryable, v: { id: string; reportId: string; status: string; note: string | null; observedAt: Date; recordedBy: string }): Promise<void> {
  await tx.query(
    'INSERT INTO vaccination_aefi_followups (id, report_id, status, note, observed_at, recorded_by) VALUES ($1, $2, $3, $4, $5, $6)',
    [v.id, v.reportId, v.status, v.note, v.observedAt, v.recordedBy],
  );
}

/** The report's status follows its latest follow-up; a follow-up that says hospitalised or died makes it serious. */
export async function refreshStatus(tx: Queryable, reportId: string): Promise<void> {
  await tx.query(
    `UPDATE vaccination_aefi_reports r SET updated_at = now(),
       status = COALESCE((SELECT f.status FROM vaccination_aefi_followups f WHERE f.report_id = r.id ORDER BY f.observed_at DESC, f.recorded_at DESC LIMIT 1), 'reported'),
       severity = CASE WHEN EXISTS (SELECT 1 FROM vaccination_aefi_followups f WHERE f.report_id = r.id AND f.status IN ('hospitalised', 'died')) THEN 'serious' ELSE r.severity END
     WHERE r.id = $1`,
    [reportId],
  );
}

/** One page of reports in scope, newest first, with the total. */
export async function listReports(db: Queryable, scope: string | null, q: AefiListQuery, page: { limit: number; offset: number }): Promise<{ rows: AefiReport[]; total: number }> {
  const where = `${visible(1)}
    AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM units f_u WHERE f_u.code = r.unit_code AND $2 = ANY (f_u.path)))
    AND ($3::text IS NULL OR r.severity = $3) AND ($4::text IS NULL OR r.status = $4)
    AND ($5::date IS NULL OR r.reported_at >= ($5::date::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'))
    AND ($6::date IS NULL OR r.reported_at < (($6::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'))`;
  const params = [scope, q.unitCode ?? null, q.severity ?? null, q.status ?? null, q.from ?? null, q.to ?? null];
  const [count] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM vaccination_aefi_reports r JOIN people p ON p.id = r.person_id WHERE ${where}`, params,
  );
  const rows = await db.query<ReportRow>(`${REPORT} WHERE ${where} ORDER BY r.reported_at DESC, r.id LIMIT $7 OFFSET $8`, [...params, page.limit, page.offset]);
  return { rows: rows.map(presentReport), total: count!.n };
}
