// SQL of dose records: a person's history, one dose, inserting a dose.
import type { Queryable } from '../../db/database.js';
import { unitInScopeSql } from '../../platform/scope.js';
import type { Dose } from './doses.schema.js';

export interface DoseRow {
  id: string;
  person_id: string;
  product_code: string;
  lot_id: string;
  lot_number: string;
  site_id: string;
  site_name: string;
  dose_number: number;
  kind: 'primary' | 'booster';
  administered_at: Date;
  vaccinator_id: string;
  recorded_at: Date;
  visit_id: string | null;
}

const COLUMNS = `d.id, d.person_id, d.product_code, d.lot_id, l.lot_number, d.site_id, s.name AS site_name, d.dose_number, d.kind,
  d.administered_at, d.vaccinator_id, d.recorded_at, d.visit_id`;
const FROM = 'dose_records d JOIN vaccine_lots l ON l.id = d.lot_id JOIN vaccination_sites s ON s.id = d.site_id';

/** The whitelist of what leaves the server about a dose. */
export const presentDose = (row: DoseRow): Dose => ({
  id: row.id, personId: row.person_id, productCode: row.product_code, lotId: row.lot_id, lotNumber: row.lot_number, siteId: row.site_id,
  siteName: row.site_name, doseNumber: row.dose_number, kind: row.kind, administeredAt: row.administered_at.toISOString(),
  vaccinatorId: row.vaccinator_id, recordedAt: row.recorded_at.toISOString(), visitId: row.visit_id,
});

/** The person's doses in the order given (recording order breaks ties). */
export async function historyOf(db: Queryable, personId: string): Promise<DoseRow[]> {
  return db.query<DoseRow>(`SELECT ${COLUMNS} FROM ${FROM} WHERE d.person_id = $1 ORDER BY d.administered_at, d.recorded_at, d.id`, [personId]);
}

export async function findDose(db: Queryable, id: string): Promise<DoseRow | null> {
  const [row] = await db.query<DoseRow>(`SELECT ${COLUMNS} FROM ${FROM} WHERE d.id = $1`, [id]);
  return row ?? null;
}

export interface DoseValues {
  id: string;
  personId: string;
  productCode: string;
  lotId: string;
  siteId: string;
  doseNumber: number;
  kind: 'primary' | 'booster';
  administeredAt: Date;
  vaccinatorId: string;
  visitId: string | null;
}

export async function insertDose(tx: Queryable, v: DoseValues): Promise<void> {
  await tx.query(
    `INSERT INTO dose_records (id, person_id, product_code, lot_id, site_id, dose_number, kind, administered_at, vaccinator_id, visit_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [v.id, v.personId, v.productCode, v.lotId, v.siteId, v.doseNumber, v.kind, v.administeredAt, v.vaccinatorId, v.visitId],
  );
}

export interface PersonBrief {
  id: string;
  full_name: string;
  birth_year: number;
  commune_code: string;
  merged_into: string | null;
}

/** The person, locked so two doses for them are numbered one after the other. */
export async function lockPerson(tx: Queryable, id: string): Promise<PersonBrief | null> {
  const [row] = await tx.query<PersonBrief>('SELECT id, full_name, birth_year, commune_code, merged_into FROM people WHERE id = $1 FOR UPDATE', [id]);
  return row ?? null;
}

/**
 * The person if the actor may see their doses: the person lives in the actor's scope, or was
 * vaccinated at a site in it (a vaccinator checks the history of someone from elsewhere).
 */
export async function findPersonForHistory(db: Queryable, id: string, scope: string | null): Promise<PersonBrief | null> {
  const [row] = await db.query<PersonBrief>(
    `SELECT p.id, p.full_name, p.birth_year, p.commune_code, p.merged_into FROM people p WHERE p.id = $1
     AND (${unitInScopeSql('p.commune_code', 2)}
       OR EXISTS (SELECT 1 FROM dose_records d JOIN vaccination_sites s ON s.id = d.site_id WHERE d.person_id = p.id AND ${unitInScopeSql('s.commune_code', 2)}))`,
    [id, scope],
  );
  return row ?? null;
}
