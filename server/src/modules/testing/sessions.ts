// Sampling sessions: plan (testing:manage), read (testing:collect or testing:read), close and
// correct. Scope is the session's commune; the pool cap comes from the configured caps.
import type { Database, Queryable } from '../../db/database.js';
import { type Actor, can, requirePermission } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { type FieldErrors, forbidden, notFound, validationFailed } from '../../platform/errors.js';
import type { Page } from '../../platform/pagination.js';
import { unitInScopeSql } from '../../platform/scope.js';
import { getPlace } from '../places/service.js';
import { communeProblem } from '../units/service.js';
import type { CreateSessionBody, ListSessionsQuery, Session, SessionDetail, UpdateSessionBody } from './collection.schema.js';
import type { PoolCaps } from './config.js';
import { TESTING_COLLECT, TESTING_MANAGE, TESTING_READ } from './permissions.js';
import * as repo from './sessions.repository.js';
import { poolCapLimit } from './sessions.rules.js';

/** Reading sessions and tubes: the collectors and whoever reads results. */
export function requireTestingReader(actor: Actor) {
  if (!can(actor, TESTING_COLLECT) && !can(actor, TESTING_READ)) throw forbidden(`role ${actor.role} may not read testing sessions`);
}

async function organisationProblem(db: Queryable, actor: Actor, id: string): Promise<string | null> {
  const rows = await db.query(`SELECT 1 FROM organisations o WHERE o.id = $1 AND ${unitInScopeSql('o.commune_code', 2)}`, [id, actor.unitCode]);
  return rows.length > 0 ? null : 'no such organisation';
}

async function placeProblem(db: Database, id: string): Promise<string | null> {
  try {
    await getPlace(db, id);
    return null;
  } catch {
    return 'no such place';
  }
}

async function sessionValues(db: Database, actor: Actor, caps: PoolCaps, input: CreateSessionBody): Promise<repo.SessionValues> {
  const fields: FieldErrors = {};
  const communeError = await communeProblem(db, actor, input.communeCode);
  if (communeError) fields.communeCode = communeError;
  if (input.placeId) {
    const problem = await placeProblem(db, input.placeId);
    if (problem) fields.placeId = problem;
  }
  if (input.organisationId) {
    const problem = await organisationProblem(db, actor, input.organisationId);
    if (problem) fields.organisationId = problem;
  } else if (input.mode === 'organisation_representative') fields.organisationId = 'is required for organisation_representative sessions';
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  if (endsAt <= startsAt) fields.endsAt = 'must be after startsAt';
  if (input.mode === 'pooled' && !input.pooling) fields.pooling = 'is required for pooled sessions';
  if (input.mode === 'individual' && input.pooling) fields.pooling = 'applies to pooled and representative sessions only';
  const highRisk = input.highRisk ?? false;
  const limit = poolCapLimit(caps, { testType: input.testType, mode: input.mode, highRisk });
  if (input.mode === 'pooled' && limit < 2) fields.mode = `${input.testType} tests are not pooled here (the configured cap is ${limit})`;
  if (input.poolCap !== undefined && input.poolCap > limit) fields.poolCap = `must be at most ${limit} for ${input.mode} ${input.testType}${highRisk ? ' in a high-risk area' : ''} sessions`;
  if (Object.keys(fields).length > 0) throw validationFailed(fields);
  return {
    name: input.name.trim(), placeId: input.placeId ?? null, organisationId: input.organisationId ?? null, communeCode: input.communeCode,
    startsAt, endsAt, team: input.team ?? [], testType: input.testType, mode: input.mode, pooling: input.pooling ?? null, highRisk,
    poolCap: input.poolCap ?? limit,
  };
}

export async function createSession(db: Database, actor: Actor, caps: PoolCaps, input: CreateSessionBody): Promise<Session> {
  requirePermission(actor, TESTING_MANAGE);
  const values = await sessionValues(db, actor, caps, input);
  return db.transaction(async (tx) => {
    const id = await repo.insertSession(tx, values, actor.userId);
    const session = repo.presentSession((await repo.findSessionInScope(tx, id, null))!);
    await audit(tx, actor, { action: 'create', entity: 'sampling_session', entityId: id, before: null, after: auditedFields(session) });
    return session;
  });
}

function auditedFields(session: Session) {
  const { id: _id, createdAt: _c, updatedAt: _u, ...fields } = session;
  return fields;
}

export async function listSessions(db: Database, actor: Actor, query: ListSessionsQuery): Promise<Page<Session>> {
  requireTestingReader(actor);
  const limit = query.limit ?? 50;
  const offset = query.offset ?? 0;
  const { rows, total } = await repo.listSessions(db, actor.unitCode, query, limit, offset);
  return { items: rows.map(repo.presentSession), total, limit, offset };
}

export async function getSession(db: Database, actor: Actor, id: string): Promise<SessionDetail> {
  requireTestingReader(actor);
  const row = await repo.findSessionInScope(db, id, actor.unitCode);
  if (!row) throw notFound('session');
  return { ...repo.presentSession(row), counts: await repo.sessionCounts(db, row) };
}

export async function updateSession(db: Database, actor: Actor, id: string, patch: UpdateSessionBody): Promise<SessionDetail> {
  requirePermission(actor, TESTING_MANAGE);
  return db.transaction(async (tx) => {
    const row = await repo.findSessionInScope(tx, id, actor.unitCode, 'update');
    if (!row) throw notFound('session');
    const before = repo.presentSession(row);
    const next = {
      name: patch.name?.trim() ?? row.name,
      startsAt: patch.startsAt ? new Date(patch.startsAt) : row.starts_at,
      endsAt: patch.endsAt ? new Date(patch.endsAt) : row.ends_at,
      team: patch.team ?? row.team,
      status: patch.status ?? row.status,
    };
    if (next.endsAt <= next.startsAt) throw validationFailed({ [patch.endsAt ? 'endsAt' : 'startsAt']: 'the session must end after it starts' });
    await repo.updateSession(tx, id, next);
    const updated = (await repo.findSessionInScope(tx, id, null))!;
    const after = repo.presentSession(updated);
    await audit(tx, actor, { action: next.status !== row.status ? (next.status === 'closed' ? 'close' : 'reopen') : 'update', entity: 'sampling_session', entityId: id, before: auditedFields(before), after: auditedFields(after) });
    return { ...after, counts: await repo.sessionCounts(tx, updated) };
  });
}
