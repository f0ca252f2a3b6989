// Who each scan is about: a person's id, their signed personal code, their national ID, or a
// walk-in registered on the spot (found by national ID, or by phone, birth year and name, as a
// citizen's own registration is; a new record otherwise). Merged records forward to the survivor.
import type { Queryable } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import type { FieldErrors } from '../../platform/errors.js';
import { foldName } from '../people/fold.js';
import { nationalIdProblem, normalisePhone } from '../people/identity.js';
import { insertPerson } from '../people/repository.js';
import type { WalkIn } from './collection.schema.js';

export type PersonField = 'personId' | 'personCode' | 'nationalId' | 'walkIn';

/** Live ids of these people (a merged record gives its survivor); absent ids are left out. */
export async function liveIds(db: Queryable, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.query<{ id: string; live: string | null }>(
    `SELECT p.id, CASE WHEN p.merged_into IS NULL THEN p.id
                       ELSE (SELECT m.id FROM people m WHERE m.id = p.merged_into AND m.merged_into IS NULL) END AS live
     FROM people p WHERE p.id = ANY ($1::uuid[])`,
    [[...new Set(ids)]],
  );
  return new Map(rows.filter((row) => row.live !== null).map((row) => [row.id, row.live!]));
}

/** The live person holding each national ID (the earliest record when, wrongly, two do). */
export async function peopleByNationalId(db: Queryable, nationalIds: string[]): Promise<Map<string, string>> {
  if (nationalIds.length === 0) return new Map();
  const rows = await db.query<{ national_id: string; id: string }>(
    `SELECT DISTINCT ON (national_id) national_id, id FROM people
     WHERE national_id = ANY ($1::text[]) AND merged_into IS NULL ORDER BY national_id, created_at`,
    [[...new Set(nationalIds)]],
  );
  return new Map(rows.map((row) => [row.national_id, row.id]));
}

export interface WalkInValues {
  fullName: string;
  nameFolded: string;
  birthYear: number;
  phone: string | null;
  nationalId: string | null;
  communeCode: string;
  address: string | null;
}

/** Checks a walk-in's details; problems are noted under `prefix` (e.g. "items[3].walkIn."). */
export async function walkInValues(db: Queryable, input: WalkIn, prefix: string, fields: FieldErrors): Promise<WalkInValues | null> {
  const before = Object.keys(fields).length;
  const fullName = input.fullName.trim().replace(/\s+/g, ' ');
  if (fullName.length < 2) fields[`${prefix}fullName`] = 'is too short';
  if (input.birthYear > new Date().getUTCFullYear()) fields[`${prefix}birthYear`] = 'is in the future';
  const phoneText = input.phone?.trim() || null;
  const phone = phoneText ? normalisePhone(phoneText) : null;
  if (phoneText && !phone) fields[`${prefix}phone`] = 'is not a Vietnamese phone number';
  const nationalId = input.nationalId?.trim() || null;
  const idProblem = nationalId ? nationalIdProblem(nationalId, input.birthYear) : null;
  if (idProblem) fields[`${prefix}nationalId`] = idProblem;
  const [unit] = await db.query<{ level: string }>('SELECT level FROM units WHERE code = $1', [input.communeCode]);
  if (!unit) fields[`${prefix}communeCode`] = `unknown unit code ${input.communeCode}`;
  else if (unit.level !== 'commune') fields[`${prefix}communeCode`] = `${input.communeCode} is a ${unit.level}, not a commune`;
  if (Object.keys(fields).length > before) return null;
  return { fullName, nameFolded: foldName(fullName), birthYear: input.birthYear, phone, nationalId, communeCode: input.communeCode, address: input.address?.trim() || null };
}

/**
 * The person a walk-in's details describe, or a new record (audited as created by the collector).
 * Existing records are never changed from what was typed at a collection point.
 */
export async function findOrRegisterWalkIn(tx: Queryable, actor: Actor, values: WalkInValues): Promise<string> {
  if (values.nationalId) {
    const found = (await peopleByNationalId(tx, [values.nationalId])).get(values.nationalId);
    if (found) return found;
  }
  if (values.phone) {
    const [byPhone] = await tx.query<{ id: string }>(
      `SELECT id FROM people WHERE phone = $1 AND birth_year = $2 AND name_folded = $3 AND merged_into IS NULL
         AND ($4::text IS NULL OR national_id IS NULL OR national_id = $4) ORDER BY created_at LIMIT 1`,
      [values.phone, values.birthYear, values.nameFolded, values.nationalId],
    );
    if (byPhone) return byPhone.id;
  }
  const created = await insertPerson(tx, { ...values, birthDate: null, sex: null });
  await audit(tx, actor, {
    action: 'create', entity: 'person', entityId: created.id, reason: 'walk-in at a sampling session',
    after: { fullName: values.fullName, birthYear: values.birthYear, communeCode: values.communeCode, nationalId: values.nationalId, phone: values.phone },
  });
  return created.id;
}
