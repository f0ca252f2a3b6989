// "Registered but not yet vaccinated": the staff list of registrations in their area, with filters
// by unit, priority group and age, paginated; and its CSV. Both are audited reads of people's data.
import type { Database } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { invalidField, validationFailed } from '../../platform/errors.js';
import type { Page } from '../../platform/pagination.js';
import { unitInScope, unitInScopeSql } from '../../platform/scope.js';
import { toCsv } from '../open/csv.js';
import { todayInVietnam } from '../open/time.js';
import { priorityGroup } from './registration.groups.js';
import { requireScheduler } from './registration.js';
import * as repo from './registration.repository.js';
import type { StaffRegistration, WaitingQuery } from './registration.schema.js';

/** At most this many rows in one CSV file (a province's waiting list fits; beyond, filter). */
export const CSV_MAX_ROWS = 50_000;

async function checkQuery(db: Database, actor: Actor, query: WaitingQuery) {
  requireScheduler(actor);
  if (query.priorityGroup && !priorityGroup(query.priorityGroup)) throw invalidField('priorityGroup', `unknown priority group ${query.priorityGroup}`);
  if (query.minAge !== undefined && query.maxAge !== undefined && query.minAge > query.maxAge) throw invalidField('maxAge', 'must not be below minAge');
  if (query.unitCode) {
    const [unit] = await db.query('SELECT 1 FROM units WHERE code = $1', [query.unitCode]);
    if (!unit) throw invalidField('unitCode', `unknown unit code ${query.unitCode}`);
    if (!(await unitInScope(db, actor, query.unitCode))) throw validationFailed({ unitCode: 'is outside your scope' });
  }
}

/** The WHERE clause and its parameters ($1 is today, $2 the actor's scope). */
function filters(actor: Actor, query: WaitingQuery) {
  const params: unknown[] = [todayInVietnam(), actor.unitCode, query.status ?? null, query.unitCode ?? null, query.priorityGroup ?? null, query.minAge ?? null, query.maxAge ?? null];
  const age = repo.ageSql(1);
  const where = `WHERE ${unitInScopeSql('r.commune_code', 2)} AND ($3::text IS NULL AND r.status IN ('waiting', 'booked') OR r.status = $3)
    AND ($4::text IS NULL OR EXISTS (SELECT 1 FROM units fu WHERE fu.code = r.commune_code AND $4 = ANY (fu.path)))
    AND ($5::text IS NULL OR r.priority_group = $5)
    AND ($6::int IS NULL OR ${age} >= $6) AND ($7::int IS NULL OR ${age} <= $7)`;
  return { where, params };
}

const ORDER = 'ORDER BY r.priority_rank, r.created_at, r.id';

export async function waitingList(db: Database, actor: Actor, query: WaitingQuery): Promise<Page<StaffRegistration>> {
  await checkQuery(db, actor, query);
  const limit = query.limit ?? 50;
  const offset = query.offset ?? 0;
  const { where, params } = filters(actor, query);
  return db.transaction(async (tx) => {
    const rows = await tx.query<repo.StaffRow>(`${repo.STAFF_SELECT(1)} ${where} ${ORDER} LIMIT ${limit} OFFSET ${offset}`, params);
    const [count] = await tx.query<{ total: number }>(`SELECT count(*)::int AS total FROM vaccination_registrations r JOIN people p ON p.id = r.person_id ${where}`, params);
    await audit(tx, actor, {
      action: 'read', entity: 'vaccination_registrations', reason: query.reason ?? 'registrations list',
      detail: { filters: filterDetail(query), returned: rows.length, total: count!.total, limit, offset },
    });
    return { items: rows.map((row) => repo.presentStaff(row)), total: count!.total, limit, offset };
  });
}

const filterDetail = (query: WaitingQuery) => ({
  status: query.status ?? 'waiting_or_booked', unitCode: query.unitCode ?? null, priorityGroup: query.priorityGroup ?? null, minAge: query.minAge ?? null, maxAge: query.maxAge ?? null,
});

const CSV_HEADER = ['registration_id', 'person_id', 'full_name', 'birth_year', 'age', 'sex', 'phone', 'commune_code', 'commune', 'priority_group', 'priority_order', 'status', 'preferred_dates', 'registered_at'];

/** The same list as a CSV file (full phone numbers: it is for calling people), every cell formula-safe. */
export async function waitingCsv(db: Database, actor: Actor, query: WaitingQuery): Promise<string> {
  await checkQuery(db, actor, query);
  const { where, params } = filters(actor, query);
  return db.transaction(async (tx) => {
    const rows = await tx.query<repo.StaffRow>(`${repo.STAFF_SELECT(1)} ${where} ${ORDER} LIMIT ${CSV_MAX_ROWS + 1}`, params);
    if (rows.length > CSV_MAX_ROWS) throw invalidField('unitCode', `more than ${CSV_MAX_ROWS} registrations: filter by unit or group`);
    await audit(tx, actor, { action: 'export', entity: 'vaccination_registrations', reason: query.reason ?? 'registrations CSV', detail: { filters: filterDetail(query), rows: rows.length } });
    return toCsv(CSV_HEADER, rows.map((row) => {
      const r = repo.presentStaff(row, true);
      return [r.id, r.personId, r.fullName, r.birthYear, r.age, r.sex, r.phone, r.communeCode, r.communeName, r.priorityGroup, r.priorityOrder, r.status, r.preferredDates.join(' '), r.createdAt];
    }));
  });
}
