// Testing programmes: create, read, list (with their green status), change. Permission and scope
// first, then the work in one transaction with its audit row. A programme's scope is its unit: the
// organisation's commune, or the area.
import type { Database, Queryable } from '../../db/database.js';
import { type Actor, requirePermission } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { type FieldErrors, conflict, invalidField, notFound, validationFailed } from '../../platform/errors.js';
import type { Page } from '../../platform/pagination.js';
import { communeProblem } from '../units/service.js';
import { TESTING_MANAGE, TESTING_READ } from './permissions.js';
import * as repo from './programmes.repository.js';
import type { CreateProgrammeBody, ListProgrammesQuery, Programme, UpdateProgrammeBody } from './programmes.schema.js';
import { programmeGreenStatus, timesOf } from './rounds.stats.js';
import type { GreenStatus } from './rounds.status.js';
import { openRound, roundWindow } from './rounds.windows.js';

/** The whitelist of what leaves the server about a programme. */
export function presentProgramme(row: repo.ProgrammeRow, green: GreenStatus, now: Date): Programme {
  const current = openRound(timesOf(row), now);
  const window = current === null ? null : roundWindow(timesOf(row), current, now);
  return {
    id: row.id, name: row.name, kind: row.kind, organisationId: row.organisation_id, organisationName: row.organisation_name,
    communeCode: row.commune_code, teams: row.teams, minAge: row.min_age, maxAge: row.max_age, intervalHours: row.interval_hours,
    startsAt: row.starts_at.toISOString(), endsAt: row.ends_at?.toISOString() ?? null, coverageTarget: row.coverage_target, status: row.status,
    currentRound: window && { number: window.number, opensAt: window.opensAt.toISOString(), closesAt: window.closesAt.toISOString() },
    greenStatus: green, createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString(),
  };
}

async function presented(db: Queryable, row: repo.ProgrammeRow, now: Date): Promise<Programme> {
  return presentProgramme(row, await programmeGreenStatus(db, row, now), now);
}

/** What the audit log keeps of a programme. */
const audited = (values: repo.ProgrammeValues) => ({ ...values, startsAt: values.startsAt.toISOString(), endsAt: values.endsAt?.toISOString() ?? null });

function valueProblems(values: repo.ProgrammeValues, endsAtGiven: boolean): FieldErrors {
  const fields: FieldErrors = {};
  if (values.kind === 'area' && values.teams !== null) fields.teams = 'only for an organisation\'s programme';
  if (values.minAge !== null && values.maxAge !== null && values.minAge > values.maxAge) fields.maxAge = 'must not be below minAge';
  if (endsAtGiven && values.endsAt !== null && values.endsAt <= values.startsAt) fields.endsAt = 'must be after startsAt';
  return fields;
}

const thousandths = (share: number) => Math.round(share * 1000) / 1000;

export async function createProgramme(db: Database, actor: Actor, input: CreateProgrammeBody, now = new Date()): Promise<Programme> {
  requirePermission(actor, TESTING_MANAGE);
  if (input.organisationId !== undefined && input.communeCode !== undefined) throw invalidField('communeCode', 'give organisationId or communeCode, not both');
  if (input.organisationId === undefined && input.communeCode === undefined) throw invalidField('organisationId', 'give organisationId (an organisation) or communeCode (an area)');
  return db.transaction(async (tx) => {
    let communeCode: string;
    if (input.organisationId !== undefined) {
      const organisation = await repo.findOrganisationInScope(tx, input.organisationId, actor.unitCode);
      if (!organisation) throw invalidField('organisationId', 'no such organisation');
      communeCode = organisation.commune_code;
    } else {
      const problem = await communeProblem(tx, actor, input.communeCode!);
      if (problem) throw invalidField('communeCode', problem);
      communeCode = input.communeCode!;
    }
    const values: repo.ProgrammeValues = {
      name: input.name, kind: input.organisationId !== undefined ? 'organisation' : 'area', organisationId: input.organisationId ?? null,
      communeCode, teams: input.teams ?? null, minAge: input.minAge ?? null, maxAge: input.maxAge ?? null, intervalHours: input.intervalHours ?? 72,
      startsAt: new Date(input.startsAt), endsAt: input.endsAt ? new Date(input.endsAt) : null, coverageTarget: thousandths(input.coverageTarget ?? 1), status: 'active',
    };
    const problems = valueProblems(values, true);
    if (Object.keys(problems).length > 0) throw validationFailed(problems);
    const id = await repo.insertProgramme(tx, values, actor.userId);
    await audit(tx, actor, { action: 'create', entity: 'testing_programme', entityId: id, before: null, after: audited(values) });
    return presented(tx, (await repo.findProgrammeInScope(tx, id, null))!, now);
  });
}

export async function getProgramme(db: Database, actor: Actor, id: string, now = new Date()): Promise<Programme> {
  requirePermission(actor, TESTING_READ);
  const row = await repo.findProgrammeInScope(db, id, actor.unitCode);
  if (!row) throw notFound('programme');
  return presented(db, row, now);
}

/**
 * With a greenStatus filter every programme in scope that matches the other filters is judged, then
 * the page is cut: fine for the tens to hundreds of programmes a province runs.
 */
export async function listProgrammes(db: Database, actor: Actor, query: ListProgrammesQuery, now = new Date()): Promise<Page<Programme>> {
  requirePermission(actor, TESTING_READ);
  const limit = query.limit ?? 50;
  const offset = query.offset ?? 0;
  if (query.greenStatus === undefined) {
    const { rows, total } = await repo.listProgrammes(db, actor.unitCode, query, { limit, offset });
    const items: Programme[] = [];
    for (const row of rows) items.push(await presented(db, row, now));
    return { items, total, limit, offset };
  }
  const { rows } = await repo.listProgrammes(db, actor.unitCode, query, null);
  const matching: Programme[] = [];
  for (const row of rows) {
    const green = await programmeGreenStatus(db, row, now);
    if (green.status === query.greenStatus) matching.push(presentProgramme(row, green, now));
  }
  return { items: matching.slice(offset, offset + limit), total: matching.length, limit, offset };
}

/** Applies a change; who is tested and the rounds' timing are fixed once round 1 has opened. */
function patched(row: repo.ProgrammeRow, patch: UpdateProgrammeBody, now: Date): repo.ProgrammeValues {
  const current = repo.valuesOf(row);
  const started = now >= row.starts_at;
  const timing: FieldErrors = {};
  if (started && patch.startsAt !== undefined && new Date(patch.startsAt).getTime() !== row.starts_at.getTime()) timing.startsAt = 'cannot change once round 1 has opened';
  if (started && patch.intervalHours !== undefined && patch.intervalHours !== row.interval_hours) timing.intervalHours = 'cannot change once round 1 has opened';
  if (Object.keys(timing).length > 0) throw conflict('the rounds of this programme have begun: their windows stay as they are', timing);
  const next: repo.ProgrammeValues = {
    ...current,
    name: patch.name ?? current.name,
    teams: patch.teams === undefined ? current.teams : patch.teams,
    minAge: patch.minAge === undefined ? current.minAge : patch.minAge,
    maxAge: patch.maxAge === undefined ? current.maxAge : patch.maxAge,
    intervalHours: patch.intervalHours ?? current.intervalHours,
    startsAt: patch.startsAt ? new Date(patch.startsAt) : current.startsAt,
    endsAt: patch.endsAt === undefined ? current.endsAt : patch.endsAt === null ? null : new Date(patch.endsAt),
    coverageTarget: patch.coverageTarget === undefined ? current.coverageTarget : thousandths(patch.coverageTarget),
    status: patch.status ?? current.status,
  };
  // Ending: no further round opens. The round open now completes; before round 1, there is none.
  if (patch.status === 'ended' && current.status !== 'ended' && patch.endsAt === undefined) {
    const end = new Date(Math.max(now.getTime(), next.startsAt.getTime()));
    if (next.endsAt === null || next.endsAt > end) next.endsAt = end;
  }
  return next;
}

export async function updateProgramme(db: Database, actor: Actor, id: string, patch: UpdateProgrammeBody, now = new Date()): Promise<Programme> {
  requirePermission(actor, TESTING_MANAGE);
  return db.transaction(async (tx) => {
    const row = await repo.findProgrammeInScope(tx, id, actor.unitCode, true);
    if (!row) throw notFound('programme');
    const values = patched(row, patch, now);
    const problems = valueProblems(values, patch.endsAt !== undefined || patch.startsAt !== undefined);
    if (Object.keys(problems).length > 0) throw validationFailed(problems);
    await repo.updateProgramme(tx, id, values);
    await audit(tx, actor, { action: 'update', entity: 'testing_programme', entityId: id, before: audited(repo.valuesOf(row)), after: audited(values) });
    return presented(tx, (await repo.findProgrammeInScope(tx, id, null))!, now);
  });
}
