// Case proposals: an individual positive result proposes a confirmed case; health staff of the
// person's commune accept it (the case is created through the cases module, in the same
// transaction) or dismiss it with a reason. Deciding needs testing:manage and cases:write.
import type { Database, Queryable } from '../../db/database.js';
import { type Actor, requirePermission } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { conflict, notFound } from '../../platform/errors.js';
import type { Page } from '../../platform/pagination.js';
import { unitInScopeSql } from '../../platform/scope.js';
import { CASES_WRITE } from '../cases/permissions.js';
import { createCase } from '../cases/service.js';
import { todayInVietnam } from '../open/time.js';
import type { TestType } from './collection.schema.js';
import { TESTING_MANAGE, TESTING_READ } from './permissions.js';
import type { CaseProposal, ProposalQuery, ProposalStatus } from './results.schema.js';

interface ProposalRow {
  id: string;
  person_id: string;
  person_name: string;
  commune_code: string;
  status: ProposalStatus;
  test_type: TestType;
  tube_barcode: string;
  ct_values: Record<string, number> | null;
  sampled_at: Date;
  resulted_at: Date;
  case_id: string | null;
  decided_at: Date | null;
  dismiss_reason: string | null;
  created_at: Date;
}

const SELECT = `SELECT c.id, c.person_id, p.full_name AS person_name, c.commune_code, c.status, r.test_type, t.barcode AS tube_barcode, tr.ct_values,
    r.sampled_at, r.resulted_at, c.case_id, c.decided_at, c.dismiss_reason, c.created_at
  FROM case_proposals c JOIN people p ON p.id = c.person_id JOIN person_results r ON r.id = c.person_result_id
  JOIN tubes t ON t.id = r.tube_id JOIN tube_results tr ON tr.id = r.tube_result_id`;

const iso = (at: Date | null) => at?.toISOString() ?? null;

function present(row: ProposalRow): CaseProposal {
  return {
    id: row.id, personId: row.person_id, personName: row.person_name, communeCode: row.commune_code, status: row.status, testType: row.test_type,
    tubeBarcode: row.tube_barcode, ctValues: row.ct_values, sampledAt: row.sampled_at.toISOString(), resultedAt: row.resulted_at.toISOString(),
    caseId: row.case_id, decidedAt: iso(row.decided_at), dismissReason: row.dismiss_reason, createdAt: row.created_at.toISOString(),
  };
}

async function findProposal(db: Queryable, id: string, scope: string | null, lock = false): Promise<ProposalRow | null> {
  const [row] = await db.query<ProposalRow>(`${SELECT} WHERE c.id = $1 AND ${unitInScopeSql('c.commune_code', 2)}${lock ? ' FOR UPDATE OF c' : ''}`, [id, scope]);
  return row ?? null;
}

/** Proposals in scope, oldest first (open ones wait for a decision); names people, so audited. */
export async function listProposals(db: Database, actor: Actor, query: ProposalQuery): Promise<Page<CaseProposal>> {
  requirePermission(actor, TESTING_READ);
  const limit = query.limit ?? 50;
  const offset = query.offset ?? 0;
  const where = `${unitInScopeSql('c.commune_code', 1)} AND ($2::text IS NULL OR c.status = $2)
    AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM units f WHERE f.code = c.commune_code AND $3 = ANY (f.path)))`;
  const filters = [actor.unitCode, query.status ?? null, query.communeCode ?? null];
  return db.transaction(async (tx) => {
    const rows = await tx.query<ProposalRow>(`${SELECT} WHERE ${where} ORDER BY c.created_at, c.id LIMIT $4 OFFSET $5`, [...filters, limit, offset]);
    const [count] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM case_proposals c WHERE ${where}`, filters);
    await audit(tx, actor, { action: 'search', entity: 'case_proposal', reason: 'list case proposals', detail: { status: query.status ?? null, returned: rows.length, total: count?.n ?? 0 } });
    return { items: rows.map(present), total: count?.n ?? 0, limit, offset };
  });
}

/** The cases service opens its own transaction: handed this, it joins the caller's instead. */
function joined(db: Database, tx: Queryable): Database {
  return { kind: db.kind, query: (sql, params, options) => tx.query(sql, params, options), exec: (sql) => tx.exec(sql), transaction: (fn) => fn(tx), listen: (channel, onNotify) => db.listen(channel, onNotify), close: () => Promise.resolve() };
}

/**
 * Where the person was when found: in quarantine when an order of theirs covered the day of the
 * sample (the tracing module's orders), otherwise in the community. Imported cases are decided by
 * staff, who may correct the source on the case.
 */
async function sourceOf(tx: Queryable, personId: string, sampledAt: Date): Promise<'community' | 'in_quarantine'> {
  const rows = await tx.query(
    `SELECT 1 FROM quarantine_orders WHERE person_id = $1 AND status IN ('ordered', 'completed') AND starts_on <= $2::date AND ends_on >= $2::date LIMIT 1`,
    [personId, todayInVietnam(sampledAt)],
  );
  return rows.length > 0 ? 'in_quarantine' : 'community';
}

export async function acceptProposal(db: Database, actor: Actor, id: string): Promise<CaseProposal> {
  requirePermission(actor, TESTING_MANAGE);
  requirePermission(actor, CASES_WRITE);
  return db.transaction(async (tx) => {
    const row = await findProposal(tx, id, actor.unitCode, true);
    if (!row) throw notFound('case proposal');
    if (row.status === 'accepted') return present(row); // a retry: the case exists already
    if (row.status === 'dismissed') throw conflict('this proposal was dismissed', { id: 'was dismissed' });
    const source = await sourceOf(tx, row.person_id, row.sampled_at);
    const created = await createCase(joined(db, tx), actor, { personId: row.person_id, confirmedAt: row.resulted_at.toISOString(), source });
    await tx.query(`UPDATE case_proposals SET status = 'accepted', case_id = $2, decided_by = $3, decided_at = now() WHERE id = $1`, [id, created.id, actor.userId]);
    await audit(tx, actor, { action: 'accept', entity: 'case_proposal', entityId: id, before: { status: 'open' }, after: { status: 'accepted', caseId: created.id } });
    return present((await findProposal(tx, id, null))!);
  });
}

export async function dismissProposal(db: Database, actor: Actor, id: string, reason: string): Promise<CaseProposal> {
  requirePermission(actor, TESTING_MANAGE);
  requirePermission(actor, CASES_WRITE);
  return db.transaction(async (tx) => {
    const row = await findProposal(tx, id, actor.unitCode, true);
    if (!row) throw notFound('case proposal');
    if (row.status === 'dismissed') return present(row); // a retry
    if (row.status === 'accepted') throw conflict('this proposal was accepted: close or correct the case instead', { id: 'was accepted' }, { caseId: row.case_id });
    await tx.query(`UPDATE case_proposals SET status = 'dismissed', decided_by = $2, decided_at = now(), dismiss_reason = $3 WHERE id = $1`, [id, actor.userId, reason]);
    await audit(tx, actor, { action: 'dismiss', entity: 'case_proposal', entityId: id, reason, before: { status: 'open' }, after: { status: 'dismissed' } });
    return present((await findProposal(tx, id, null))!);
  });
}
