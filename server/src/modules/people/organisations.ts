// Organisations (factories, offices, schools, markets …) and their members: the unit of
// organisation-representative testing and of workplace contact lists.
import type { Database, Queryable } from '../../db/database.js';
import { type Actor, requirePermission } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { conflict, invalidField, notFound } from '../../platform/errors.js';
import type { Page } from '../../platform/pagination.js';
import { unitInScopeSql } from '../../platform/scope.js';
import { communeProblem } from '../units/service.js';
import { foldName } from './fold.js';
import type { CreateOrganisationBody, Organisation, OrganisationQuery } from './groups.schema.js';
import { findPersonInScope } from './repository.js';

interface OrganisationRow {
  id: string; name: string; kind: Organisation['kind']; commune_code: string; address: string | null; phone: string | null; is_demo: boolean; member_count: number;
}

const COLUMNS = `o.id, o.name, o.kind, o.commune_code, o.address, o.phone, o.is_demo,
  (SELECT count(*)::int FROM organisation_members m WHERE m.organisation_id = o.id) AS member_count`;

const present = (row: OrganisationRow): Organisation => ({
  id: row.id, name: row.name, kind: row.kind, communeCode: row.commune_code, address: row.address, phone: row.phone, memberCount: row.member_count, isDemo: row.is_demo,
});

async function findInScope(db: Queryable, actor: Actor, id: string) {
  const [row] = await db.query<OrganisationRow>(`SELECT ${COLUMNS} FROM organisations o WHERE o.id = $2 AND ${unitInScopeSql('o.commune_code', 1)}`, [actor.unitCode, id]);
  return row ?? null;
}

export async function createOrganisation(db: Database, actor: Actor, input: CreateOrganisationBody): Promise<Organisation> {
  requirePermission(actor, 'people:write');
  const communeError = await communeProblem(db, actor, input.communeCode);
  if (communeError) throw invalidField('communeCode', communeError);
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO organisations (name, name_folded, kind, commune_code, address, phone) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [input.name.trim(), foldName(input.name), input.kind, input.communeCode, input.address?.trim() || null, input.phone?.trim() || null],
    );
    const organisation = present((await findInScope(tx, actor, row!.id))!);
    await audit(tx, actor, { action: 'create', entity: 'organisation', entityId: organisation.id, after: { name: organisation.name, kind: organisation.kind, communeCode: organisation.communeCode } });
    return organisation;
  });
}

export async function listOrganisations(db: Database, actor: Actor, query: OrganisationQuery): Promise<Page<Organisation>> {
  requirePermission(actor, 'people:read');
  const limit = query.limit ?? 50;
  const offset = query.offset ?? 0;
  const where = `${unitInScopeSql('o.commune_code', 1)}
    AND ($2::text IS NULL OR o.name_folded LIKE '%' || $2 || '%')
    AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM units f WHERE f.code = o.commune_code AND $3 = ANY (f.path)))
    AND ($4::text IS NULL OR o.kind = $4)`;
  const params = [actor.unitCode, query.q ? foldName(query.q).replace(/[\\%_]/g, (c) => `\\${c}`) : null, query.communeCode ?? null, query.kind ?? null];
  const rows = await db.query<OrganisationRow>(`SELECT ${COLUMNS} FROM organisations o WHERE ${where} ORDER BY o.name_folded, o.id LIMIT $5 OFFSET $6`, [...params, limit, offset]);
  const [count] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM organisations o WHERE ${where}`, params);
  return { items: rows.map(present), total: count?.n ?? 0, limit, offset };
}

export async function getOrganisation(db: Database, actor: Actor, id: string) {
  requirePermission(actor, 'people:read');
  const row = await findInScope(db, actor, id);
  if (!row) throw notFound('organisation');
  const members = await db.query<{ person_id: string; full_name: string; team: string | null }>(
    `SELECT m.person_id, p.full_name, m.team FROM organisation_members m JOIN people p ON p.id = m.person_id
     WHERE m.organisation_id = $1 ORDER BY m.team NULLS LAST, p.name_folded`,
    [id],
  );
  await audit(db, actor, { action: 'read', entity: 'organisation', entityId: id, reason: 'view members' });
  return { ...present(row), members: members.map((m) => ({ personId: m.person_id, fullName: m.full_name, team: m.team })) };
}

export async function addOrganisationMember(db: Database, actor: Actor, id: string, personId: string, team: string | undefined) {
  requirePermission(actor, 'people:write');
  return db.transaction(async (tx) => {
    if (!(await findInScope(tx, actor, id))) throw notFound('organisation');
    const person = await findPersonInScope(tx, personId, actor.unitCode);
    if (!person || person.merged_into) throw invalidField('personId', 'unknown person');
    const rows = await tx.query('INSERT INTO organisation_members (organisation_id, person_id, team) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1', [id, personId, team ?? null]);
    if (rows.length === 0) throw conflict('this person is already a member', { personId: 'is already a member' });
    await audit(tx, actor, { action: 'add_member', entity: 'organisation', entityId: id, detail: { personId, team: team ?? null } });
  });
}
