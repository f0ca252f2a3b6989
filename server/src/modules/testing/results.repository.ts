// SQL of laboratory results: tubes locked for a result, their members, results and their history,
// person results, planned retest tubes and case proposals. Scope is the tube's commune.
import type { Queryable } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';
import { type AuditEntry, changedFields } from '../../platform/audit.js';
import { unitInScopeSql } from '../../platform/scope.js';
import type { Pooling, TestType, TubeStatus } from './collection.schema.js';
import type { MemberFact, PersonOutcome, PlannedRetest, TubeKind, TubeOutcome } from './propagate.js';
import type { ResultSource, TubeResult } from './results.schema.js';

export interface LabTubeRow {
  id: string;
  barcode: string;
  status: TubeStatus;
  kind: TubeKind;
  origin: 'collected' | 'aliquot' | 'resample';
  commune_code: string;
  session_id: string;
  parent_tube_id: string | null;
  received_at: Date | null;
  pooling: Pooling | null;
  test_type: TestType;
  sampled: number;
}

/** The tubes with these barcodes inside the scope, locked until the transaction ends (others are simply missing). */
export async function lockTubes(tx: Queryable, barcodes: readonly string[], scope: string | null): Promise<Map<string, LabTubeRow>> {
  const rows = await tx.query<LabTubeRow>(
    `SELECT t.id, t.barcode, t.status, t.kind, t.origin, t.commune_code, t.session_id, t.parent_tube_id, t.received_at, s.pooling, s.test_type,
            (SELECT count(*) FROM tube_members m WHERE m.tube_id = t.id AND m.role = 'sampled')::int AS sampled
     FROM tubes t JOIN sampling_sessions s ON s.id = t.session_id
     WHERE t.barcode = ANY ($1::text[]) AND ${unitInScopeSql('t.commune_code', 2)}
     ORDER BY t.id
     FOR UPDATE OF t`,
    [[...new Set(barcodes)], scope],
  );
  return new Map(rows.map((row) => [row.barcode, row]));
}

/** The tube arrived at the lab: sealed on the way if it was still open. */
export async function markReceived(tx: Queryable, tubeIds: readonly string[], userId: string): Promise<Map<string, Date>> {
  if (tubeIds.length === 0) return new Map();
  const rows = await tx.query<{ id: string; received_at: Date }>(
    `UPDATE tubes SET status = CASE WHEN status IN ('planned', 'collecting', 'sealed') THEN 'received' ELSE status END,
            sealed_at = coalesce(sealed_at, now()), received_at = coalesce(received_at, now()), received_by = coalesce(received_by, $2)
     WHERE id = ANY ($1::uuid[]) RETURNING id, received_at`,
    [tubeIds, userId],
  );
  return new Map(rows.map((row) => [row.id, row.received_at]));
}

/** Resulted now (the time of the transaction, as the results' entered_at); a tube nobody scanned in is received by the one entering it. */
export async function markResulted(tx: Queryable, tubeIds: readonly string[], userId: string): Promise<void> {
  if (tubeIds.length === 0) return;
  await tx.query(
    `UPDATE tubes SET status = 'resulted', sealed_at = coalesce(sealed_at, now()), received_at = coalesce(received_at, now()),
            received_by = coalesce(received_by, $2), resulted_at = now()
     WHERE id = ANY ($1::uuid[])`,
    [tubeIds, userId],
  );
}

export interface CurrentResult {
  id: string;
  tube_id: string;
  outcome: TubeOutcome;
}

export async function currentResults(tx: Queryable, tubeIds: readonly string[]): Promise<Map<string, CurrentResult>> {
  if (tubeIds.length === 0) return new Map();
  const rows = await tx.query<CurrentResult>('SELECT id, tube_id, outcome FROM tube_results WHERE tube_id = ANY ($1::uuid[]) AND current', [tubeIds]);
  return new Map(rows.map((row) => [row.tube_id, row]));
}

/**
 * Stages already passed above each tube: 1 for a collected tube, plus one for each ancestor whose
 * positive result split it (a tube ordered again after an invalid result stays at its stage).
 */
export async function depthsOf(tx: Queryable, tubeIds: readonly string[]): Promise<Map<string, number>> {
  const rows = await tx.query<{ start_id: string; depth: number }>(
    `WITH RECURSIVE chain (start_id, parent_id) AS (
       SELECT id, parent_tube_id FROM tubes WHERE id = ANY ($1::uuid[])
       UNION ALL
       SELECT c.start_id, t.parent_tube_id FROM chain c JOIN tubes t ON t.id = c.parent_id
     )
     SELECT c.start_id, (1 + count(r.id))::int AS depth
     FROM chain c LEFT JOIN tube_results r ON r.tube_id = c.parent_id AND r.current AND r.outcome = 'positive'
     GROUP BY c.start_id`,
    [tubeIds],
  );
  return new Map(rows.map((row) => [row.start_id, row.depth]));
}

interface MemberRow {
  tube_id: string;
  person_id: string;
  role: 'sampled' | 'represented';
  represented_by: string | null;
  sampled_at: Date;
}

/** Members of the tubes, sampled first in the order they were sampled; a represented member carries their representative's sampling time. */
export async function membersOf(tx: Queryable, tubeIds: readonly string[]): Promise<Map<string, MemberFact[]>> {
  const rows = await tx.query<MemberRow>(
    `SELECT m.tube_id, m.person_id, m.role, m.represented_by,
            coalesce(m.sampled_at, r.sampled_at, (SELECT min(x.sampled_at) FROM tube_members x WHERE x.tube_id = m.tube_id)) AS sampled_at
     FROM tube_members m LEFT JOIN tube_members r ON r.tube_id = m.tube_id AND r.person_id = m.represented_by
     WHERE m.tube_id = ANY ($1::uuid[])
     ORDER BY m.tube_id, (m.role = 'sampled') DESC, m.sampled_at, m.recorded_at, m.person_id`,
    [tubeIds],
  );
  const byTube = new Map<string, MemberFact[]>();
  for (const row of rows) {
    const list = byTube.get(row.tube_id) ?? [];
    list.push({ personId: row.person_id, role: row.role, representedBy: row.represented_by, sampledAt: row.sampled_at });
    byTube.set(row.tube_id, list);
  }
  return byTube;
}

export interface NewResult {
  tubeId: string;
  outcome: TubeOutcome;
  ctValues: Record<string, number> | null;
  supersedes: string | null;
  correctionReason: string | null;
}

/** The new results of one request (one source, one user), by tube. */
export async function insertResults(tx: Queryable, source: ResultSource, enteredBy: string, results: readonly NewResult[]): Promise<Map<string, { id: string; entered_at: Date }>> {
  if (results.length === 0) return new Map();
  const rows = await tx.query<{ id: string; tube_id: string; entered_at: Date }>(
    `INSERT INTO tube_results (tube_id, outcome, ct_values, source, entered_by, supersedes, correction_reason)
     SELECT x.tube_id, x.outcome, x.ct_values::jsonb, $1, $2, x.supersedes, x.reason
     FROM unnest($3::uuid[], $4::text[], $5::text[], $6::uuid[], $7::text[]) AS x (tube_id, outcome, ct_values, supersedes, reason)
     RETURNING id, tube_id, entered_at`,
    [source, enteredBy, results.map((r) => r.tubeId), results.map((r) => r.outcome),
      results.map((r) => (r.ctValues === null ? null : JSON.stringify(r.ctValues))), results.map((r) => r.supersedes), results.map((r) => r.correctionReason)],
  );
  return new Map(rows.map((row) => [row.tube_id, { id: row.id, entered_at: row.entered_at }]));
}

/** A correction: the old result and what it meant for people stop being current. */
export async function supersede(tx: Queryable, resultId: string): Promise<void> {
  await tx.query('UPDATE tube_results SET current = false WHERE id = $1', [resultId]);
  await tx.query('UPDATE person_results SET current = false WHERE tube_result_id = $1', [resultId]);
}

/** Open case proposals of a corrected result are dismissed with the correction's reason; returns how many. */
export async function dismissProposalsOf(tx: Queryable, resultId: string, userId: string, reason: string): Promise<number> {
  const rows = await tx.query(
    `UPDATE case_proposals SET status = 'dismissed', decided_by = $2, decided_at = now(), dismiss_reason = $3
     WHERE status = 'open' AND person_result_id IN (SELECT id FROM person_results WHERE tube_result_id = $1)
     RETURNING id`,
    [resultId, userId, reason],
  );
  return rows.length;
}

/** Retest tubes a corrected result had planned and nobody has made or sampled yet: withdrawn. */
export async function withdrawPlannedChildren(tx: Queryable, tubeId: string): Promise<string[]> {
  await tx.query(`DELETE FROM tube_members WHERE tube_id IN (SELECT id FROM tubes WHERE parent_tube_id = $1 AND status = 'planned')`, [tubeId]);
  const rows = await tx.query<{ barcode: string }>(`DELETE FROM tubes WHERE parent_tube_id = $1 AND status = 'planned' RETURNING barcode`, [tubeId]);
  return rows.map((row) => row.barcode);
}

export interface PersonResultInput {
  personId: string;
  tubeId: string;
  resultId: string;
  testType: TestType;
  communeCode: string;
  outcome: PersonOutcome;
  sampledAt: Date;
}

/** What the results mean for each person; resulted now, with the results. */
export async function insertPersonResults(tx: Queryable, people: readonly PersonResultInput[]): Promise<{ id: string; person_id: string; tube_result_id: string; outcome: PersonOutcome }[]> {
  if (people.length === 0) return [];
  return tx.query(
    `INSERT INTO person_results (person_id, tube_id, tube_result_id, test_type, outcome, sampled_at, commune_code)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::timestamptz[], $7::text[])
     RETURNING id, person_id, tube_result_id, outcome`,
    [people.map((p) => p.personId), people.map((p) => p.tubeId), people.map((p) => p.resultId), people.map((p) => p.testType),
      people.map((p) => p.outcome), people.map((p) => p.sampledAt.toISOString()), people.map((p) => p.communeCode)],
  );
}

export interface NewRetest {
  parent: { id: string; session_id: string; commune_code: string };
  retest: PlannedRetest;
  barcode: string;
}

/**
 * Planned retest tubes with their members. Members copy their household, organisation and team
 * from the parent tube; an aliquot keeps who collected the sample. A resample tube lists the people
 * to sample again as sampled members whose sampled_at is the sample being retested, until the
 * field team confirms the new sampling (retests.ts).
 */
export async function insertPlannedTubes(tx: Queryable, retests: readonly NewRetest[], userId: string): Promise<void> {
  if (retests.length === 0) return;
  const tubes = await tx.query<{ id: string; barcode: string }>(
    `INSERT INTO tubes (barcode, session_id, commune_code, kind, origin, parent_tube_id, capacity, status, opened_by)
     SELECT x.barcode, x.session_id, x.commune_code, x.kind, x.origin, x.parent_id, x.capacity, 'planned', $1
     FROM unnest($2::text[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::uuid[], $8::int[]) AS x (barcode, session_id, commune_code, kind, origin, parent_id, capacity)
     RETURNING id, barcode`,
    [userId, retests.map((r) => r.barcode), retests.map((r) => r.parent.session_id), retests.map((r) => r.parent.commune_code), retests.map((r) => r.retest.kind),
      retests.map((r) => r.retest.origin), retests.map((r) => r.parent.id), retests.map((r) => Math.max(1, r.retest.members.filter((m) => m.role === 'sampled').length))],
  );
  const ids = new Map(tubes.map((tube) => [tube.barcode, tube.id]));
  const members = retests.flatMap((r) => r.retest.members.map((m) => ({ ...m, tubeId: ids.get(r.barcode)!, parentId: r.parent.id, origin: r.retest.origin })));
  await tx.query(
    `INSERT INTO tube_members (id, tube_id, person_id, role, represented_by, household_id, organisation_id, team, sampled_at, collected_by)
     SELECT gen_random_uuid(), x.tube_id, x.person_id, x.role, x.represented_by, pm.household_id, pm.organisation_id, pm.team,
            CASE WHEN x.role = 'sampled' THEN x.sampled_at END, CASE WHEN x.origin = 'aliquot' AND pm.role = 'sampled' THEN pm.collected_by END
     FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::uuid[], $6::timestamptz[], $7::text[])
       AS x (tube_id, parent_id, person_id, role, represented_by, sampled_at, origin)
     LEFT JOIN tube_members pm ON pm.tube_id = x.parent_id AND pm.person_id = x.person_id`,
    [members.map((m) => m.tubeId), members.map((m) => m.parentId), members.map((m) => m.personId), members.map((m) => m.role),
      members.map((m) => m.representedBy), members.map((m) => m.sampledAt.toISOString()), members.map((m) => m.origin)],
  );
}

export interface ProposalRow {
  id: string;
  person_id: string;
  person_result_id: string;
  commune_code: string;
}

/** A case proposal for each person result given; the proposal belongs to the person's commune (whose staff own the case). */
export async function insertProposals(tx: Queryable, personResultIds: readonly string[]): Promise<ProposalRow[]> {
  if (personResultIds.length === 0) return [];
  return tx.query<ProposalRow>(
    `INSERT INTO case_proposals (person_result_id, person_id, commune_code)
     SELECT pr.id, pr.person_id, p.commune_code FROM person_results pr JOIN people p ON p.id = pr.person_id WHERE pr.id = ANY ($1::uuid[])
     RETURNING id, person_id, person_result_id, commune_code`,
    [personResultIds],
  );
}

/**
 * The prevalence the retest trees are planned for: current results of the commune's last 14 days,
 * pulled towards 1 % by 100 imaginary people so that a few results do not swing it, within 0.1–50 %.
 */
export async function plannedPrevalence(tx: Queryable, communeCode: string): Promise<number> {
  const [row] = await tx.query<{ positives: number; tested: number }>(
    `SELECT count(DISTINCT person_id) FILTER (WHERE outcome = 'positive')::int AS positives, count(DISTINCT person_id)::int AS tested
     FROM person_results WHERE commune_code = $1 AND current AND sampled_at > now() - interval '14 days'`,
    [communeCode],
  );
  return Math.min(0.5, Math.max(0.001, ((row?.positives ?? 0) + 1) / ((row?.tested ?? 0) + 100)));
}

interface TubeResultRow {
  id: string;
  outcome: TubeOutcome;
  ct_values: Record<string, number> | null;
  source: ResultSource;
  entered_by: string;
  entered_by_name: string | null;
  entered_at: Date;
  supersedes: string | null;
  correction_reason: string | null;
  current: boolean;
}

export function presentTubeResult(row: TubeResultRow): TubeResult {
  return {
    id: row.id, outcome: row.outcome, ctValues: row.ct_values, source: row.source, enteredBy: row.entered_by, enteredByName: row.entered_by_name,
    enteredAt: row.entered_at.toISOString(), supersedes: row.supersedes, correctionReason: row.correction_reason, current: row.current,
  };
}

export async function resultHistory(db: Queryable, tubeId: string): Promise<TubeResult[]> {
  const rows = await db.query<TubeResultRow>(
    `SELECT r.id, r.outcome, r.ct_values, r.source, r.entered_by, coalesce(u.display_name, u.username) AS entered_by_name, r.entered_at,
            r.supersedes, r.correction_reason, r.current
     FROM tube_results r LEFT JOIN users u ON u.id = r.entered_by
     WHERE r.tube_id = $1 ORDER BY r.entered_at DESC, r.current DESC, r.id`,
    [tubeId],
  );
  return rows.map(presentTubeResult);
}

/** A tube in scope by barcode, without locking. */
export async function findTube(db: Queryable, barcode: string, scope: string | null): Promise<{ id: string; barcode: string; status: TubeStatus } | null> {
  const [row] = await db.query<{ id: string; barcode: string; status: TubeStatus }>(
    `SELECT t.id, t.barcode, t.status FROM tubes t WHERE t.barcode = $1 AND ${unitInScopeSql('t.commune_code', 2)}`,
    [barcode, scope],
  );
  return row ?? null;
}

/**
 * One audit row per entry, as platform/audit.ts writes them, in one statement: a lab batch records
 * up to 1,000 tubes and the log is searched by each tube's id. To move into platform/audit.ts as auditMany.
 */
export async function auditEach(tx: Queryable, actor: Actor, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const changes = entries.map((e) => (e.before !== undefined || e.after !== undefined ? JSON.stringify(changedFields(e.before, e.after)) : null));
  await tx.query(
    `INSERT INTO audit_log (actor_id, actor_username, action, entity, entity_id, reason, changes, detail, request_id)
     SELECT $1, $2, x.action, x.entity, x.entity_id, x.reason, x.changes::jsonb, x.detail::jsonb, $3
     FROM unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[]) AS x (action, entity, entity_id, reason, changes, detail)`,
    [actor.userId, actor.username, actor.requestId ?? null, entries.map((e) => e.action), entries.map((e) => e.entity), entries.map((e) => e.entityId ?? null),
      entries.map((e) => e.reason ?? null), changes, entries.map((e) => (e.detail ? JSON.stringify(e.detail) : null))],
  );
}
