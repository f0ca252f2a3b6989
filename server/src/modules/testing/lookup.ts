// People's results: the public look-up (a citizen with their personal code, or their national ID
// and birth year) and the staff's read of one person's results (audited with its reason).
import type { Database, Queryable } from '../../db/database.js';
import { type Actor, requirePermission } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { invalidField, notFound } from '../../platform/errors.js';
import { unitInScope, unitInScopeSql } from '../../platform/scope.js';
import { codeSigner } from '../checkins/codes.js';
import type { TestType } from './collection.schema.js';
import { TESTING_READ } from './permissions.js';
import type { PersonOutcome } from './propagate.js';
import type { LookupBody, LookupResult, PersonResult, PersonResults } from './results.schema.js';

/** Most results returned at once: a person tested every 72 hours for a year has about 120. */
const MAX_RESULTS = 200;

interface PersonResultRow {
  id: string;
  tube_barcode: string;
  test_type: TestType;
  outcome: PersonOutcome;
  sampled_at: Date;
  resulted_at: Date;
  current: boolean;
  commune_code: string;
}

const presentPersonResult = (row: PersonResultRow): PersonResult => ({
  id: row.id, tubeBarcode: row.tube_barcode, testType: row.test_type, outcome: row.outcome, sampledAt: row.sampled_at.toISOString(),
  resultedAt: row.resulted_at.toISOString(), current: row.current, communeCode: row.commune_code,
});

async function resultsOf(db: Queryable, personId: string, options: { currentOnly: boolean; scope: string | null }): Promise<PersonResultRow[]> {
  return db.query<PersonResultRow>(
    `SELECT r.id, t.barcode AS tube_barcode, r.test_type, r.outcome, r.sampled_at, r.resulted_at, r.current, r.commune_code
     FROM person_results r JOIN tubes t ON t.id = r.tube_id
     WHERE r.person_id = $1 AND (r.current OR NOT $2) AND ${unitInScopeSql('r.commune_code', 3)}
     ORDER BY r.sampled_at DESC, r.resulted_at DESC, r.id LIMIT ${MAX_RESULTS}`,
    [personId, options.currentOnly, options.scope],
  );
}

/** "Nguyễn Văn An" → "N.V.A." (words that do not start with a letter are left out) */
export function initialsOf(fullName: string): string {
  return fullName.normalize('NFC').split(/\s+/).filter((word) => /^\p{L}/u.test(word)).map((word) => `${String.fromCodePoint(word.codePointAt(0)!).toLocaleUpperCase('vi')}.`).join('');
}

/** The record a code or a national ID names, following a merge to the surviving record. */
export async function personOf(db: Database, body: LookupBody): Promise<{ id: string; full_name: string } | null> {
  if (body.personCode !== undefined) {
    const decoded = (await codeSigner(db)).verify(body.personCode, 'person');
    if (!decoded) return null;
    const [row] = await db.query<{ id: string; full_name: string }>(
      'SELECT l.id, l.full_name FROM people p JOIN people l ON l.id = coalesce(p.merged_into, p.id) WHERE p.id = $1',
      [decoded.id],
    );
    return row ?? null;
  }
  const [row] = await db.query<{ id: string; full_name: string }>(
    'SELECT id, full_name FROM people WHERE national_id = $1 AND birth_year = $2 AND merged_into IS NULL ORDER BY created_at LIMIT 1',
    [body.nationalId, body.birthYear],
  );
  return row ?? null;
}

/**
 * A citizen's own results. An unknown code or ID and a wrong birth year get the same 404, so the
 * look-up cannot tell anyone which IDs exist; the answer names nobody (initials only).
 */
/** Either a personal code, or a national ID with a birth year (400 naming the field otherwise). */
export function validateLookup(body: LookupBody): void {
  const byCode = body.personCode !== undefined;
  const byId = body.nationalId !== undefined || body.birthYear !== undefined;
  if (byCode === byId) throw invalidField('personCode', 'give either personCode, or nationalId with birthYear');
  if (byId && (body.nationalId === undefined || body.birthYear === undefined)) {
    throw invalidField(body.nationalId === undefined ? 'nationalId' : 'birthYear', 'is required with ' + (body.nationalId === undefined ? 'birthYear' : 'nationalId'));
  }
}

export async function lookupResults(db: Database, body: LookupBody): Promise<LookupResult> {
  validateLookup(body);
  const person = await personOf(db, body);
  if (!person) throw notFound('test results for these details');
  const rows = await resultsOf(db, person.id, { currentOnly: true, scope: null });
  return {
    initials: initialsOf(person.full_name),
    items: rows.map((row) => ({ id: row.id, testType: row.test_type, outcome: row.outcome, sampledAt: row.sampled_at.toISOString(), resultedAt: row.resulted_at.toISOString() })),
  };
}

/**
 * One person's results for staff with testing:read, corrected ones included. Someone whose person
 * record is in scope sees all their results; otherwise only the results of sessions in scope, and
 * a person without any answers 404 as if absent. The read is audited with its reason.
 */
export async function personResults(db: Database, actor: Actor, personId: string, reason: string | undefined): Promise<PersonResults> {
  requirePermission(actor, TESTING_READ);
  return db.transaction(async (tx) => {
    const [person] = await tx.query<{ id: string; commune_code: string }>(
      'SELECT l.id, l.commune_code FROM people p JOIN people l ON l.id = coalesce(p.merged_into, p.id) WHERE p.id = $1',
      [personId],
    );
    if (!person) throw notFound('person');
    const whole = await unitInScope(tx, actor, person.commune_code);
    const rows = await resultsOf(tx, person.id, { currentOnly: false, scope: whole ? null : actor.unitCode });
    if (!whole && rows.length === 0) throw notFound('person');
    await audit(tx, actor, { action: 'read', entity: 'person_results', entityId: person.id, reason: reason ?? 'view test results', detail: { results: rows.length } });
    return { personId: person.id, items: rows.map(presentPersonResult) };
  });
}
