// Test helpers of rounds and pool sizes. People, organisations and programmes go through the HTTP API;
// tubes, results and person results are written by SQL that obeys migration 0013, so that sampling
// times can sit exactly on a round's boundary (the collection and laboratory APIs stamp their own).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../db/database.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import type { TestApp } from '../../testing/app.js';
import { buildPerson } from '../../testing/factories.js';
import type { Static } from 'typebox';
import { TEST_COMMUNE, testBarcode } from './factories.js';
import type { Programme } from './programmes.schema.js';
import type { RoundPage } from './rounds.schema.js';

export const REASON = 'rà soát vòng xét nghiệm';
export const HOUR = 3_600_000;

type TubeOutcome = 'negative' | 'positive' | 'invalid';
type PersonOutcome = 'negative' | 'negative_by_representation' | 'positive' | 'retest_pending' | 'invalid';

interface Member {
  personId: string;
  /** default sampled; a represented member names the sampled member representing them */
  representedBy?: string;
  /** default from the tube's result (see personOutcomeOf) */
  outcome?: PersonOutcome;
}

interface TubeSpec {
  kind: 'individual' | 'pool' | 'representative';
  sampledAt: Date;
  members: Member[];
  /** null: the tube has no result yet */
  result: TubeOutcome | null;
  communeCode?: string;
  testType?: 'rt_pcr' | 'rapid_antigen';
  /** a retest made from this tube's kept samples (origin aliquot) */
  parentTubeId?: string;
}

/** What a tube's result means for a member, as the results slice decides it (docs/API-TESTING.md, person result). */
function personOutcomeOf(kind: TubeSpec['kind'], result: TubeOutcome, member: Member): PersonOutcome {
  if (member.outcome) return member.outcome;
  if (result === 'invalid') return 'invalid';
  if (result === 'negative') return member.representedBy ? 'negative_by_representation' : 'negative';
  return kind === 'individual' ? 'positive' : 'retest_pending';
}

async function insertSession(db: Queryable, communeCode: string, testType: string, at: Date): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO sampling_sessions (name, commune_code, starts_at, ends_at, test_type, mode, pooling, pool_cap)
     VALUES ($1, $2, $3, $4, $5, 'pooled', 'lab_aliquot', 64) RETURNING id`,
    [`Phiên thử ${testBarcode()}`, communeCode, new Date(at.getTime() - HOUR), new Date(at.getTime() + HOUR), testType],
  );
  return row!.id;
}

/** A tube with its members and, unless `result` is null, its current result and each member's person result. */
export async function insertTube(db: Queryable, spec: TubeSpec): Promise<{ tubeId: string; tubeResultId: string | null }> {
  const communeCode = spec.communeCode ?? TEST_COMMUNE;
  const testType = spec.testType ?? 'rt_pcr';
  const sessionId = await insertSession(db, communeCode, testType, spec.sampledAt);
  const [tube] = await db.query<{ id: string }>(
    `INSERT INTO tubes (barcode, session_id, commune_code, kind, origin, parent_tube_id, capacity, status)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [testBarcode(), sessionId, communeCode, spec.kind, spec.parentTubeId ? 'aliquot' : 'collected', spec.parentTubeId ?? null,
      Math.max(1, spec.members.length), spec.result ? 'resulted' : 'sealed'],
  );
  const tubeId = tube!.id;
  for (const member of spec.members) {
    await db.query(
      `INSERT INTO tube_members (id, tube_id, person_id, role, represented_by, sampled_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [randomUUID(), tubeId, member.personId, member.representedBy ? 'represented' : 'sampled', member.representedBy ?? null, member.representedBy ? null : spec.sampledAt],
    );
  }
  if (spec.result === null) return { tubeId, tubeResultId: null };
  const tubeResultId = await insertResult(db, tubeId, spec.result, null);
  await insertPersonResults(db, tubeId, tubeResultId, spec, spec.result);
  return { tubeId, tubeResultId };
}

async function insertResult(db: Queryable, tubeId: string, outcome: TubeOutcome, supersedes: string | null): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO tube_results (tube_id, outcome, source, entered_by, supersedes, correction_reason) VALUES ($1, $2, 'manual', $3, $4, $5) RETURNING id`,
    [tubeId, outcome, SYSTEM_ACTOR.userId, supersedes, supersedes ? 'nhập nhầm kết quả' : null],
  );
  return row!.id;
}

async function insertPersonResults(db: Queryable, tubeId: string, tubeResultId: string, spec: TubeSpec, result: TubeOutcome) {
  for (const member of spec.members) {
    await db.query(
      `INSERT INTO person_results (person_id, tube_id, tube_result_id, test_type, outcome, sampled_at, commune_code) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [member.personId, tubeId, tubeResultId, spec.testType ?? 'rt_pcr', personOutcomeOf(spec.kind, result, member),
        spec.sampledAt, spec.communeCode ?? TEST_COMMUNE],
    );
  }
}

/** A corrected tube result: the old one and its person results stop being current, the new one's are written. */
export async function correctTube(db: Queryable, tubeId: string, spec: TubeSpec, outcome: TubeOutcome): Promise<void> {
  const [old] = await db.query<{ id: string }>('UPDATE tube_results SET current = false WHERE tube_id = $1 AND current RETURNING id', [tubeId]);
  await db.query('UPDATE person_results SET current = false WHERE tube_result_id = $1', [old!.id]);
  const tubeResultId = await insertResult(db, tubeId, outcome, old!.id);
  await insertPersonResults(db, tubeId, tubeResultId, spec, outcome);
}

export function roundsKit(t: () => TestApp) {
  const db = () => t().db;
  const admin = () => t().adminToken;
  /** The parsed body after checking the status: typed by the caller, loosely (as in server/src/testing) by default. */
  const expect = async <T = any>(response: Promise<{ status: number; body: unknown }>, status: number): Promise<T> => {
    const done = await response;
    assert.equal(done.status, status, JSON.stringify(done.body));
    return done.body as T;
  };
  const person = async (overrides: Record<string, unknown> = {}): Promise<string> =>
    (await expect<{ id: string }>(t().request('POST', '/api/v1/people', { token: admin(), body: buildPerson(overrides) }), 201)).id;
  const people = async (count: number, overrides: Record<string, unknown> = {}) => {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) ids.push(await person(overrides));
    return ids;
  };
  /** An organisation in the commune with these members and teams. */
  const organisation = async (members: { personId: string; team?: string }[], communeCode = TEST_COMMUNE): Promise<string> => {
    const id = (await expect<{ id: string }>(t().request('POST', '/api/v1/organisations', { token: admin(), body: { name: `Xí nghiệp ${testBarcode()}`, kind: 'factory', communeCode } }), 201)).id;
    for (const member of members) await expect(t().request('POST', `/api/v1/organisations/${id}/members`, { token: admin(), body: member }), 204);
    return id;
  };
  const createProgramme = (body: Record<string, unknown>, token = admin()) => t().request('POST', '/api/v1/testing/programmes', { token, body });
  const programme = async (body: Record<string, unknown>) => expect<Programme>(createProgramme({ name: `Pháo đài xanh ${testBarcode()}`, ...body }), 201);
  const rounds = async (id: string, query = '', token = admin()) => expect<Static<typeof RoundPage>>(t().request('GET', `/api/v1/testing/programmes/${id}/rounds${query}`, { token }), 200);
  /** Round n of the page of rounds (latest first). */
  const round = async (id: string, n: number) => {
    const page = await rounds(id, '?limit=100');
    const found = page.items.find((item) => item.number === n);
    assert.ok(found, `round ${n} is listed`);
    return found;
  };
  const missed = (id: string, n: number, query = `?reason=${encodeURIComponent(REASON)}`, token = admin()) =>
    t().request('GET', `/api/v1/testing/programmes/${id}/rounds/${n}/missed${query}`, { token });
  const remind = (id: string, n: number, token = admin()) => t().request('POST', `/api/v1/testing/programmes/${id}/rounds/${n}/reminders`, { token });

  // results, by SQL
  const negative = (personId: string, sampledAt: Date, communeCode?: string) =>
    insertTube(db(), { kind: 'individual', sampledAt, members: [{ personId }], result: 'negative', ...(communeCode ? { communeCode } : {}) });
  const positive = (personId: string, sampledAt: Date, communeCode?: string) =>
    insertTube(db(), { kind: 'individual', sampledAt, members: [{ personId }], result: 'positive', ...(communeCode ? { communeCode } : {}) });
  const invalid = (personId: string, sampledAt: Date, communeCode?: string) =>
    insertTube(db(), { kind: 'individual', sampledAt, members: [{ personId }], result: 'invalid', ...(communeCode ? { communeCode } : {}) });
  const pool = (personIds: string[], sampledAt: Date, result: TubeOutcome | null, communeCode?: string) =>
    insertTube(db(), { kind: 'pool', sampledAt, members: personIds.map((personId) => ({ personId })), result, ...(communeCode ? { communeCode } : {}) });
  /** The representative sampled; the others represented by them. */
  const representative = (representativeId: string, representedIds: string[], sampledAt: Date, result: TubeOutcome | null, communeCode?: string) =>
    insertTube(db(), {
      kind: 'representative', sampledAt, result, ...(communeCode ? { communeCode } : {}),
      members: [{ personId: representativeId }, ...representedIds.map((personId) => ({ personId, representedBy: representativeId }))],
    });
  /** An individual retest made in the lab from a pool's kept sample. */
  const retest = (parentTubeId: string, personId: string, sampledAt: Date, result: TubeOutcome) =>
    insertTube(db(), { kind: 'individual', sampledAt, members: [{ personId }], result, parentTubeId });

  return { person, people, organisation, createProgramme, programme, rounds, round, missed, remind, negative, positive, invalid, pool, representative, retest, expect };
}

/** `count` people living in the commune, written directly (the pool-size tests need hundreds). */
export async function insertPeople(db: Queryable, communeCode: string, count: number): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `INSERT INTO people (full_name, name_folded, birth_year, commune_code)
     SELECT 'Người thử ' || i, 'nguoi thu ' || i, 1980 + i % 40, $1 FROM generate_series(1, $2::int) AS i RETURNING id`,
    [communeCode, count],
  );
  return rows.map((row) => row.id);
}
