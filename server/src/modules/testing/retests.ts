// The next steps results planned and nobody has taken yet: the lab's aliquot list (pools and
// individual tests to make from kept samples) and the field team's re-sampling list (people to
// sample again). Listing names people, so the read is audited with its reason. The field team
// confirms a resample tube once its people were sampled again; then the lab can receive it.
import type { Database } from '../../db/database.js';
import { type Actor, requirePermission } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { conflict, invalidField, notFound } from '../../platform/errors.js';
import type { Page } from '../../platform/pagination.js';
import { unitInScopeSql } from '../../platform/scope.js';
import { maskPhone } from '../people/identity.js';
import type { TestType } from './collection.schema.js';
import { TESTING_COLLECT, TESTING_READ } from './permissions.js';
import type { TubeKind, TubeOutcome } from './propagate.js';
import type { ResampledResult, Retest, RetestQuery } from './results.schema.js';

interface RetestRow {
  id: string;
  barcode: string;
  origin: Retest['origin'];
  kind: TubeKind;
  parent_barcode: string;
  parent_outcome: TubeOutcome | null;
  session_id: string;
  test_type: TestType;
  commune_code: string;
  opened_at: Date;
}

interface PersonRow {
  tube_id: string;
  person_id: string;
  full_name: string;
  birth_year: number;
  address: string | null;
  phone: string | null;
  commune_code: string;
  role: 'sampled' | 'represented';
}

export async function listRetests(db: Database, actor: Actor, query: RetestQuery): Promise<Page<Retest>> {
  requirePermission(actor, TESTING_READ);
  const limit = query.limit ?? 50;
  const offset = query.offset ?? 0;
  const where = `t.status = 'planned' AND ${unitInScopeSql('t.commune_code', 1)} AND ($2::text IS NULL OR t.origin = $2)
    AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM units f WHERE f.code = t.commune_code AND $3 = ANY (f.path)))`;
  const filters = [actor.unitCode, query.origin ?? null, query.communeCode ?? null];
  return db.transaction(async (tx) => {
    const rows = await tx.query<RetestRow>(
      `SELECT t.id, t.barcode, t.origin, t.kind, pt.barcode AS parent_barcode, pr.outcome AS parent_outcome, t.session_id, s.test_type, t.commune_code, t.opened_at
       FROM tubes t JOIN tubes pt ON pt.id = t.parent_tube_id JOIN sampling_sessions s ON s.id = t.session_id
       LEFT JOIN tube_results pr ON pr.tube_id = pt.id AND pr.current
       WHERE ${where} ORDER BY t.opened_at, t.barcode LIMIT $4 OFFSET $5`,
      [...filters, limit, offset],
    );
    const [count] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM tubes t WHERE ${where}`, filters);
    const people = rows.length === 0 ? [] : await tx.query<PersonRow>(
      `SELECT m.tube_id, p.id AS person_id, p.full_name, p.birth_year, p.address, p.phone, p.commune_code, m.role
       FROM tube_members m JOIN people p ON p.id = m.person_id
       WHERE m.tube_id = ANY ($1::uuid[]) ORDER BY (m.role = 'sampled') DESC, p.full_name, p.id`,
      [rows.map((row) => row.id)],
    );
    await audit(tx, actor, {
      action: 'search', entity: 'retest', reason: query.reason ?? 're-testing list',
      detail: { origin: query.origin ?? null, communeCode: query.communeCode ?? null, returned: rows.length, total: count?.n ?? 0, people: people.map((p) => p.person_id) },
    });
    const items = rows.map((row): Retest => ({
      id: row.id, barcode: row.barcode, origin: row.origin, kind: row.kind, parentBarcode: row.parent_barcode, parentOutcome: row.parent_outcome,
      sessionId: row.session_id, testType: row.test_type, communeCode: row.commune_code, plannedAt: row.opened_at.toISOString(),
      people: people.filter((p) => p.tube_id === row.id).map((p) => ({
        personId: p.person_id, fullName: p.full_name, birthYear: p.birth_year, address: p.address, phone: maskPhone(p.phone), communeCode: p.commune_code, role: p.role,
      })),
    }));
    return { items, total: count?.n ?? 0, limit, offset };
  });
}

/** A clock this far ahead of the server is refused (phones run a little fast). */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * The field team sampled the people of a planned resample tube again: their sampling time becomes
 * `sampledAt` (default now) and the tube is sealed for the lab. Confirming again changes nothing.
 */
export async function confirmResampled(db: Database, actor: Actor, barcode: string, sampledAtText: string | undefined): Promise<ResampledResult> {
  requirePermission(actor, TESTING_COLLECT);
  const sampledAt = sampledAtText ? new Date(sampledAtText) : new Date();
  if (sampledAt.getTime() > Date.now() + CLOCK_SKEW_MS) throw invalidField('sampledAt', 'is in the future');
  return db.transaction(async (tx) => {
    const [tube] = await tx.query<{ id: string; barcode: string; origin: string; status: string; sealed_at: Date | null }>(
      `SELECT t.id, t.barcode, t.origin, t.status, t.sealed_at FROM tubes t WHERE t.barcode = $1 AND ${unitInScopeSql('t.commune_code', 2)} FOR UPDATE`,
      [barcode, actor.unitCode],
    );
    if (!tube) throw notFound('tube');
    if (tube.origin !== 'resample') throw conflict('only a planned resample tube is confirmed this way', { barcode: 'is not a resample tube' });
    if (tube.status !== 'planned') {
      const [latest] = await tx.query<{ at: Date }>(`SELECT max(sampled_at) AS at FROM tube_members WHERE tube_id = $1 AND role = 'sampled'`, [tube.id]);
      return { barcode: tube.barcode, status: tube.status as ResampledResult['status'], sampledAt: latest!.at.toISOString(), repeat: true };
    }
    const [retested] = await tx.query<{ at: Date | null }>(`SELECT min(sampled_at) AS at FROM tube_members WHERE tube_id = $1 AND role = 'sampled'`, [tube.id]);
    if (retested?.at && sampledAt < retested.at) throw invalidField('sampledAt', 'is before the sample this tube retests');
    await tx.query(`UPDATE tube_members SET sampled_at = $2, collected_by = $3 WHERE tube_id = $1 AND role = 'sampled'`, [tube.id, sampledAt, actor.userId]);
    await tx.query(`UPDATE tubes SET status = 'sealed', sealed_at = now() WHERE id = $1`, [tube.id]);
    await audit(tx, actor, { action: 'resample', entity: 'tube', entityId: tube.id, before: { status: 'planned' }, after: { status: 'sealed' }, detail: { barcode: tube.barcode, sampledAt: sampledAt.toISOString() } });
    return { barcode: tube.barcode, status: 'sealed', sampledAt: sampledAt.toISOString(), repeat: false };
  });
}
