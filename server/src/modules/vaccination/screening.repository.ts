// SQL of screenings: one per visit, replaced when the visit is screened again before its dose.
import type { Queryable } from '../../db/database.js';
import type { Assessment, Finding, Outcome } from './screening.rules.js';
import type { Screening } from './screening.schema.js';
import { ALLOWED } from './screening.rules.js';

interface ScreeningRow {
  visit_id: string;
  checklist_version: string;
  answers: Record<string, boolean>;
  findings: Finding[];
  temperature_c: number | null;
  assessment: Assessment;
  outcome: Outcome;
  postpone_until: string | null;
  refer_to: string | null;
  reason: string | null;
  note: string | null;
  screened_by: string;
  screened_at: Date;
}

const parsed = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);

/** The whitelist of what leaves the server about a screening. */
const presentScreening = (row: ScreeningRow): Screening => ({
  visitId: row.visit_id, checklistVersion: row.checklist_version, answers: parsed(row.answers), temperatureC: row.temperature_c,
  assessment: row.assessment, findings: parsed(row.findings), allowedOutcomes: [...ALLOWED[row.assessment]], outcome: row.outcome,
  postponeUntil: row.postpone_until, referTo: row.refer_to, reason: row.reason, note: row.note,
  screenedAt: row.screened_at.toISOString(), screenedBy: row.screened_by,
});

export async function findScreening(db: Queryable, visitId: string): Promise<Screening | null> {
  const [row] = await db.query<ScreeningRow>(
    `SELECT visit_id, checklist_version, answers, findings, temperature_c, assessment, outcome, to_char(postpone_until, 'YYYY-MM-DD') AS postpone_until,
       refer_to, reason, note, screened_by, screened_at FROM vaccination_screenings WHERE visit_id = $1`,
    [visitId],
  );
  return row ? presentScreening(row) : null;
}

export interface ScreeningValues {
  visitId: string;
  checklistVersion: string;
  answers: Record<string, boolean>;
  findings: Finding[];
  temperatureC: number | null;
  assessment: Assessment;
  outcome: Outcome;
  postponeUntil: string | null;
  referTo: string | null;
  reason: string | null;
  note: string | null;
  screenedBy: string;
}

export async function upsertScreening(tx: Queryable, v: ScreeningValues): Promise<void> {
  await tx.query(
    `INSERT INTO vaccination_screenings (visit_id, checklist_version, answers, findings, temperature_c, assessment, outcome, postpone_until, refer_to, reason, note, screened_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     ON CONFLICT (visit_id) DO UPDATE SET checklist_version = EXCLUDED.checklist_version, answers = EXCLUDED.answers, findings = EXCLUDED.findings,
       temperature_c = EXCLUDED.temperature_c, assessment = EXCLUDED.assessment, outcome = EXCLUDED.outcome, postpone_until = EXCLUDED.postpone_until,
       refer_to = EXCLUDED.refer_to, reason = EXCLUDED.reason, note = EXCLUDED.note, screened_by = EXCLUDED.screened_by, screened_at = now()`,
    [v.visitId, v.checklistVersion, JSON.stringify(v.answers), JSON.stringify(v.findings), v.temperatureC, v.assessment, v.outcome, v.postponeUntil,
      v.referTo, v.reason, v.note, v.screenedBy],
  );
}
