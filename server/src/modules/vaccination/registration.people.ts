// The ONE person a registration belongs to: the identity typed (by a citizen or staff) finds the
// existing person as the people module matches identities (national ID; else phone, birth year and
// name), or becomes a new person. An existing record is never changed from a phone's input.
import type { Queryable } from '../../db/database.js';
import { type Actor, CITIZEN_ACTOR } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { type FieldErrors, validationFailed } from '../../platform/errors.js';
import { todayInVietnam } from '../open/time.js';
import { foldName } from '../people/fold.js';
import { nationalIdProblem, normalisePhone } from '../people/identity.js';
import { communeProblem } from '../units/service.js';
import type { RegistrantIdentity } from './registration.schema.js';

export interface IdentityValues {
  fullName: string;
  nameFolded: string;
  birthDate: string;
  birthYear: number;
  sex: 'male' | 'female' | 'other';
  phone: string;
  nationalId: string | null;
  communeCode: string;
  address: string | null;
}

/** Checks and normalises typed details, naming every wrong field (prefixed, e.g. "person.") in one 400. */
export async function identityValues(db: Queryable, actor: Actor, input: RegistrantIdentity, prefix = 'person.'): Promise<IdentityValues> {
  const fields: FieldErrors = {};
  const fullName = input.fullName.trim().replace(/\s+/g, ' ');
  if (fullName.length < 2) fields[`${prefix}fullName`] = 'is too short';
  const birthYear = Number(input.birthDate.slice(0, 4));
  if (input.birthDate > todayInVietnam()) fields[`${prefix}birthDate`] = 'is in the future';
  else if (birthYear < 1890) fields[`${prefix}birthDate`] = 'is before 1890';
  const phone = normalisePhone(input.phone);
  if (!phone) fields[`${prefix}phone`] = 'is not a Vietnamese phone number (e.g. 0912 345 678)';
  const nationalId = input.nationalId?.trim() || null;
  const idProblem = nationalId ? nationalIdProblem(nationalId, birthYear, input.sex) : null;
  if (idProblem) fields[`${prefix}nationalId`] = idProblem;
  const commune = await communeProblem(db, actor, input.communeCode);
  if (commune) fields[`${prefix}communeCode`] = commune;
  if (Object.keys(fields).length > 0) throw validationFailed(fields);
  return {
    fullName, nameFolded: foldName(fullName), birthDate: input.birthDate, birthYear, sex: input.sex, phone: phone!, nationalId,
    communeCode: input.communeCode, address: input.address?.trim() || null,
  };
}

export interface PersonFacts { id: string; birthDate: string | null; birthYear: number; sex: string | null; phone: string | null; created: boolean }

const FACTS = `id, to_char(birth_date, 'YYYY-MM-DD') AS birth_date, birth_year, sex, phone`;
type FactsRow = { id: string; birth_date: string | null; birth_year: number; sex: string | null; phone: string | null };
const facts = (row: FactsRow, created: boolean): PersonFacts => ({ id: row.id, birthDate: row.birth_date, birthYear: row.birth_year, sex: row.sex, phone: row.phone, created });

/** The person these details describe, or a new one (audited as a registration by `actor`). */
export async function findOrCreatePerson(tx: Queryable, actor: Actor, values: IdentityValues): Promise<PersonFacts> {
  if (values.nationalId) {
    const [byId] = await tx.query<FactsRow>(`SELECT ${FACTS} FROM people WHERE national_id = $1 AND merged_into IS NULL LIMIT 1`, [values.nationalId]);
    if (byId) return facts(byId, false);
  }
  const [byPhone] = await tx.query<FactsRow>(
    `SELECT ${FACTS} FROM people WHERE phone = $1 AND birth_year = $2 AND name_folded = $3 AND merged_into IS NULL
       AND (birth_date IS NULL OR birth_date = $4::date) AND ($5::text IS NULL OR national_id IS NULL OR national_id = $5) ORDER BY created_at LIMIT 1`,
    [values.phone, values.birthYear, values.nameFolded, values.birthDate, values.nationalId],
  );
  if (byPhone) return facts(byPhone, false);
  const [created] = await tx.query<FactsRow>(
    `INSERT INTO people (full_name, name_folded, national_id, birth_date, birth_year, sex, phone, address, commune_code)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${FACTS}`,
    [values.fullName, values.nameFolded, values.nationalId, values.birthDate, values.birthYear, values.sex, values.phone, values.address, values.communeCode],
  );
  await audit(tx, actor, {
    action: actor === CITIZEN_ACTOR ? 'self_register' : 'create', entity: 'person', entityId: created!.id,
    detail: { communeCode: values.communeCode, via: 'vaccination_registration' },
  });
  return facts(created!, true);
}

/** The live person behind an id (following merges), locked; null when there is none. */
export async function lockLivePerson(tx: Queryable, id: string): Promise<string | null> {
  let current = id;
  for (let hop = 0; hop < 10; hop++) {
    const [row] = await tx.query<{ merged_into: string | null }>('SELECT merged_into FROM people WHERE id = $1 FOR UPDATE', [current]);
    if (!row) return null;
    if (!row.merged_into) return current;
    current = row.merged_into;
  }
  return null;
}
