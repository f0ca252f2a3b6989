// Citizens without an account: the details they type once on their phone become (or find) one
// person record, and they receive a signed personal code that stands for them afterwards.
import type { Queryable } from '../../db/database.js';
import { CITIZEN_ACTOR } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { type FieldErrors, validationFailed } from '../../platform/errors.js';
import { foldName } from '../people/fold.js';
import { nationalIdProblem, normalisePhone } from '../people/identity.js';
import type { CodeSigner } from './codes.js';
import type { SelfPerson } from './schema.js';

/** Checks and normalises typed details; field names are prefixed with `prefix` (e.g. "person."). */
export async function selfPersonValues(db: Queryable, input: SelfPerson, prefix = 'person.') {
  const fields: FieldErrors = {};
  const fullName = input.fullName.trim().replace(/\s+/g, ' ');
  if (fullName.length < 2) fields[`${prefix}fullName`] = 'is too short';
  const phone = normalisePhone(input.phone);
  if (!phone) fields[`${prefix}phone`] = 'is not a Vietnamese phone number';
  const nationalId = input.nationalId || null;
  const idProblem = nationalId ? nationalIdProblem(nationalId, input.birthYear) : null;
  if (idProblem) fields[`${prefix}nationalId`] = idProblem;
  if (input.birthYear > new Date().getUTCFullYear()) fields[`${prefix}birthYear`] = 'is in the future';
  let communeCode: string | null = input.communeCode ?? null;
  if (communeCode) {
    const [unit] = await db.query<{ level: string }>('SELECT level FROM units WHERE code = $1', [communeCode]);
    if (!unit) fields[`${prefix}communeCode`] = `unknown unit code ${communeCode}`;
    else if (unit.level !== 'commune') fields[`${prefix}communeCode`] = `${communeCode} is a ${unit.level}, not a commune`;
  } else {
    // Living outside the province: the record belongs to the province, seen by provincial staff.
    const [province] = await db.query<{ code: string }>(`SELECT code FROM units WHERE level = 'province' ORDER BY code LIMIT 1`);
    communeCode = province?.code ?? null;
    if (!communeCode) fields[`${prefix}communeCode`] = 'is required: no province is set up';
  }
  if (Object.keys(fields).length > 0) throw validationFailed(fields);
  return { fullName, nameFolded: foldName(fullName), phone: phone!, nationalId, birthYear: input.birthYear, communeCode: communeCode! };
}

/**
 * The person these details describe: by national ID, else by phone, birth year and name;
 * a new record when none matches. Existing records are never changed from a phone's input.
 */
export async function findOrRegisterCitizen(tx: Queryable, values: Awaited<ReturnType<typeof selfPersonValues>>): Promise<string> {
  if (values.nationalId) {
    const [byId] = await tx.query<{ id: string }>('SELECT id FROM people WHERE national_id = $1 AND merged_into IS NULL LIMIT 1', [values.nationalId]);
    if (byId) return byId.id;
  }
  const [byPhone] = await tx.query<{ id: string }>(
    `SELECT id FROM people WHERE phone = $1 AND birth_year = $2 AND name_folded = $3 AND merged_into IS NULL
       AND ($4::text IS NULL OR national_id IS NULL OR national_id = $4) ORDER BY created_at LIMIT 1`,
    [values.phone, values.birthYear, values.nameFolded, values.nationalId],
  );
  if (byPhone) return byPhone.id;
  const [created] = await tx.query<{ id: string }>(
    `INSERT INTO people (full_name, name_folded, national_id, birth_year, phone, commune_code) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [values.fullName, values.nameFolded, values.nationalId, values.birthYear, values.phone, values.communeCode],
  );
  await audit(tx, CITIZEN_ACTOR, { action: 'self_register', entity: 'person', entityId: created!.id, detail: { communeCode: values.communeCode } });
  return created!.id;
}

/** The live person behind a personal code (following merges), or a field error naming `field`. */
export async function personOfCode(db: Queryable, signer: CodeSigner, code: string, field: string): Promise<string> {
  const decoded = signer.verify(code, 'person');
  if (!decoded) throw validationFailed({ [field]: 'is not a valid personal code (forged, altered or mistyped)' });
  const id = await livePersonId(db, decoded.id);
  if (!id) throw validationFailed({ [field]: 'belongs to no registered person' });
  return id;
}

/** Follows merges to the surviving record; null when the person does not exist. */
export async function livePersonId(db: Queryable, id: string): Promise<string | null> {
  let current = id;
  for (let hop = 0; hop < 10; hop++) {
    const [row] = await db.query<{ merged_into: string | null }>('SELECT merged_into FROM people WHERE id = $1', [current]);
    if (!row) return null;
    if (!row.merged_into) return current;
    current = row.merged_into;
  }
  return current;
}
