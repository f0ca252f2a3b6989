import type { Queryable } from '../../db/database.js';
import { unitInScopeSql } from '../../platform/scope.js';
import type { Household, Person } from './schema.js';

export interface PersonRow {
  id: string;
  full_name: string;
  national_id: string | null;
  birth_date: string | null;
  birth_year: number;
  sex: Person['sex'];
  phone: string | null;
  address: string | null;
  commune_code: string;
  merged_into: string | null;
  is_demo: boolean;
  created_at: Date;
  updated_at: Date;
}

/** The whitelist of what leaves the server about a person. */
export function presentPerson(row: PersonRow): Person {
  return {
    id: row.id,
    fullName: row.full_name,
    nationalId: row.national_id,
    birthDate: row.birth_date,
    birthYear: row.birth_year,
    sex: row.sex,
    phone: row.phone,
    address: row.address,
    communeCode: row.commune_code,
    mergedInto: row.merged_into,
    isDemo: row.is_demo,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export const PERSON_COLUMNS = `id, full_name, national_id, birth_date, birth_year, sex, phone, address, commune_code, merged_into, is_demo, created_at, updated_at`;

export interface PersonValues {
  fullName: string;
  nameFolded: string;
  nationalId: string | null;
  birthDate: string | null;
  birthYear: number;
  sex: Person['sex'];
  phone: string | null;
  address: string | null;
  communeCode: string;
}

export async function insertPerson(tx: Queryable, values: PersonValues): Promise<PersonRow> {
  const [row] = await tx.query<PersonRow>(
    `INSERT INTO people (full_name, name_folded, national_id, birth_date, birth_year, sex, phone, address, commune_code)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${PERSON_COLUMNS}`,
    [values.fullName, values.nameFolded, values.nationalId, values.birthDate, values.birthYear, values.sex, values.phone, values.address, values.communeCode],
  );
  return row!;
}

export async function updatePerson(tx: Queryable, id: string, values: PersonValues): Promise<PersonRow> {
  const [row] = await tx.query<PersonRow>(
    `UPDATE people SET full_name = $2, name_folded = $3, national_id = $4, birth_date = $5, birth_year = $6, sex = $7,
       phone = $8, address = $9, commune_code = $10, updated_at = now()
     WHERE id = $1 RETURNING ${PERSON_COLUMNS}`,
    [id, values.fullName, values.nameFolded, values.nationalId, values.birthDate, values.birthYear, values.sex, values.phone, values.address, values.communeCode],
  );
  return row!;
}

/** A person inside the scope (null scope: everywhere), or null as if it did not exist. */
export async function findPersonInScope(db: Queryable, id: string, scope: string | null, lock = false): Promise<PersonRow | null> {
  const [row] = await db.query<PersonRow>(
    `SELECT ${PERSON_COLUMNS} FROM people p WHERE p.id = $1 AND ${unitInScopeSql('p.commune_code', 2)}${lock ? ' FOR UPDATE' : ''}`,
    [id, scope],
  );
  return row ?? null;
}

export async function findActiveByNationalId(db: Queryable, nationalId: string, exceptId: string | null): Promise<{ id: string; commune_code: string } | null> {
  const [row] = await db.query<{ id: string; commune_code: string }>(
    `SELECT id, commune_code FROM people WHERE national_id = $1 AND merged_into IS NULL AND ($2::uuid IS NULL OR id <> $2) LIMIT 1`,
    [nationalId, exceptId],
  );
  return row ?? null;
}

export type SearchTerm = { kind: 'nationalId' | 'phone' | 'name'; value: string } | null;

export async function searchPeople(db: Queryable, term: SearchTerm, unitCode: string | null, scope: string | null, limit: number, offset: number) {
  const conditions = ['p.merged_into IS NULL', unitInScopeSql('p.commune_code', 1)];
  const params: unknown[] = [scope];
  let order = 'p.name_folded, p.id';
  if (unitCode) {
    params.push(unitCode);
    conditions.push(`EXISTS (SELECT 1 FROM units f WHERE f.code = p.commune_code AND $${params.length} = ANY (f.path))`);
  }
  if (term?.kind === 'nationalId') {
    params.push(term.value);
    conditions.push(`p.national_id = $${params.length}`);
  } else if (term?.kind === 'phone') {
    params.push(term.value);
    conditions.push(`p.phone = $${params.length}`);
  } else if (term?.kind === 'name') {
    params.push(`%${term.value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`, term.value);
    conditions.push(`p.name_folded LIKE $${params.length - 1}`);
    // Exact names first, then names that start with the words typed.
    order = `(p.name_folded = $${params.length}) DESC, (p.name_folded LIKE $${params.length} || ' %') DESC, p.name_folded, p.id`;
  }
  const where = conditions.join(' AND ');
  const rows = await db.query<PersonRow>(
    `SELECT ${PERSON_COLUMNS} FROM people p WHERE ${where} ORDER BY ${order} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, limit, offset],
  );
  const countParams = term?.kind === 'name' ? params.slice(0, -1) : params;
  const [count] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM people p WHERE ${where}`, countParams);
  return { rows, total: count?.n ?? 0 };
}

export async function householdOf(db: Queryable, personId: string): Promise<Household | null> {
  const [household] = await db.query<{ id: string; address: string | null; commune_code: string; head_person_id: string | null }>(
    `SELECT h.id, h.address, h.commune_code, h.head_person_id FROM households h
     JOIN household_members m ON m.household_id = h.id WHERE m.person_id = $1`,
    [personId],
  );
  if (!household) return null;
  const members = await db.query<{ person_id: string; full_name: string; relation: string | null; birth_year: number }>(
    `SELECT m.person_id, p.full_name, m.relation, p.birth_year FROM household_members m JOIN people p ON p.id = m.person_id
     WHERE m.household_id = $1 ORDER BY (p.id = $2) DESC, p.birth_year, p.full_name`,
    [household.id, household.head_person_id],
  );
  return {
    id: household.id,
    address: household.address,
    communeCode: household.commune_code,
    headPersonId: household.head_person_id,
    members: members.map((m) => ({ personId: m.person_id, fullName: m.full_name, relation: m.relation, birthYear: m.birth_year })),
  };
}

export async function organisationsOf(db: Queryable, personId: string) {
  return db.query<{ id: string; name: string; kind: string; team: string | null }>(
    `SELECT o.id, o.name, o.kind, m.team FROM organisation_members m JOIN organisations o ON o.id = m.organisation_id
     WHERE m.person_id = $1 ORDER BY o.name`,
    [personId],
  );
}
