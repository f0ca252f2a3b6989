// People's results over HTTP on both engines: the public look-up (code, or national ID and birth
// year; a wrong year answers like an unknown ID), the staff's audited read with its scope, and case
// proposals accepted (a confirmed case) or dismissed.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';
import { codeSigner } from '../checkins/codes.js';
import { collectTube, enterResult, OTHER_COMMUNE } from './lab.testkit.js';

for (const engine of engines()) {
  describe(`people's results (${engine})`, () => {
    const t = withTestApp(engine);
    let lab: string;
    const lookup = (body: unknown) => t().request('POST', '/api/v1/open/test-results', { body });
    const person = async (id: string) => (await t().request('GET', `/api/v1/people/${id}?reason=test`, { token: t().adminToken })).body as { fullName: string; nationalId: string; birthDate: string };
    /** A person with one individual test: positive or negative. */
    const tested = async (outcome: 'positive' | 'negative') => {
      const tube = await collectTube(t, { members: 1, mode: 'individual' });
      const response = await enterResult(t, lab, { barcode: tube.barcode, outcome });
      assert.equal(response.status, 201, JSON.stringify(response.body));
      return { personId: tube.personIds[0]!, barcode: tube.barcode };
    };
    const openProposalOf = async (personId: string) => {
      const list = await t().request('GET', '/api/v1/testing/case-proposals?status=open&limit=500', { token: t().adminToken });
      return list.body.items.find((p: { personId: string }) => p.personId === personId) as { id: string; resultedAt: string; sampledAt: string };
    };

    before(async () => {
      lab = await t().tokenFor('lab_technician', '93');
    });

    test('public look-up: bad requests 400; right birth year answers the results and initials only; a wrong one answers like an unknown ID', async () => {
      const { personId } = await tested('negative');
      const record = await person(personId);
      const birthYear = Number(record.birthDate.slice(0, 4));
      assert.equal((await lookup({})).status, 400);
      assert.equal((await lookup({ nationalId: record.nationalId })).status, 400);
      assert.equal((await lookup({ nationalId: record.nationalId, birthYear, personCode: 'x'.repeat(30) })).status, 400);

      const found = await lookup({ nationalId: record.nationalId, birthYear });
      assert.equal(found.status, 200, JSON.stringify(found.body));
      assert.deepEqual(Object.keys(found.body).sort(), ['initials', 'items']);
      assert.match(found.body.initials, /^(\p{Lu}\.)+$/u);
      assert.equal(found.body.initials, 'N.V.T.', `initials of ${record.fullName}`);
      assert.equal(found.body.items.length, 1);
      assert.deepEqual(Object.keys(found.body.items[0]).sort(), ['id', 'outcome', 'resultedAt', 'sampledAt', 'testType']);
      assert.equal(found.body.items[0].outcome, 'negative');

      const wrongYear = await lookup({ nationalId: record.nationalId, birthYear: birthYear + 1 });
      const unknown = await lookup({ nationalId: '093185999999', birthYear });
      assert.equal(wrongYear.status, 404);
      assert.deepEqual({ ...wrongYear.body.error, requestId: null }, { ...unknown.body.error, requestId: null });

      const code = (await codeSigner(t().db)).sign('person', personId);
      const byCode = await lookup({ personCode: code });
      assert.equal(byCode.status, 200);
      assert.deepEqual(byCode.body, found.body);
      const forged = await lookup({ personCode: `${code.slice(0, -2)}AA` });
      assert.deepEqual({ ...forged.body.error, requestId: null }, { ...unknown.body.error, requestId: null });
    });

    test('staff read: 403 without testing:read, 404 outside scope, audited with the reason', async () => {
      const { personId } = await tested('negative');
      const url = `/api/v1/testing/people/${personId}/results?reason=${encodeURIComponent('gọi báo kết quả')}`;
      assert.equal((await t().request('GET', url)).status, 401);
      assert.equal((await t().request('GET', url, { token: await t().tokenFor('vaccinator', '93') })).status, 403);
      assert.equal((await t().request('GET', url, { token: await t().tokenFor('tracer', OTHER_COMMUNE) })).status, 404);
      const tracer = await t().tokenFor('tracer', '930');
      const response = await t().request('GET', url, { token: tracer });
      assert.equal(response.status, 200);
      assert.equal(response.body.items[0].outcome, 'negative');
      const audits = await t().db.query<{ reason: string }>(`SELECT reason FROM audit_log WHERE action = 'read' AND entity = 'person_results' AND entity_id = $1`, [personId]);
      assert.deepEqual(audits.map((a) => a.reason), ['gọi báo kết quả']);
    });

    test('accepting a proposal creates the confirmed case at the result\'s time; again answers the same; it cannot be dismissed then', async () => {
      const { personId } = await tested('positive');
      const proposal = await openProposalOf(personId);
      assert.ok(proposal);
      const accept = (token: string) => t().request('POST', `/api/v1/testing/case-proposals/${proposal.id}/accept`, { token });
      assert.equal((await accept(await t().tokenFor('tracer', '93'))).status, 403, 'tracers lack testing:manage and cases:write');
      assert.equal((await accept(await t().tokenFor('health_officer', OTHER_COMMUNE))).status, 404);
      const officer = await t().tokenFor('health_officer', '930');
      const accepted = await accept(officer);
      assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
      assert.equal(accepted.body.status, 'accepted');
      const kase = await t().request('GET', `/api/v1/cases/${accepted.body.caseId}`, { token: officer });
      assert.equal(kase.status, 200);
      assert.equal(kase.body.personId, personId);
      assert.equal(kase.body.classification, 'confirmed');
      assert.equal(kase.body.source, 'community');
      assert.equal(kase.body.confirmedAt, proposal.resultedAt);

      const again = await accept(officer);
      assert.equal(again.status, 200);
      assert.equal(again.body.caseId, accepted.body.caseId);
      const dismiss = await t().request('POST', `/api/v1/testing/case-proposals/${proposal.id}/dismiss`, { token: officer, body: { reason: 'nhầm' } });
      assert.equal(dismiss.status, 409);
      assert.equal((await t().db.query('SELECT 1 FROM cases WHERE person_id = $1', [personId])).length, 1);
    });

    test('a person found positive during their quarantine becomes a case found in quarantine', async () => {
      const index = await collectTube(t, { members: 1, mode: 'individual' });
      const kase = await t().request('POST', '/api/v1/cases', { token: t().adminToken, body: { personId: index.personIds[0], confirmedAt: new Date(Date.now() - 5 * 86_400_000).toISOString(), source: 'community' } });
      assert.equal(kase.status, 201, JSON.stringify(kase.body));
      const { personId } = await tested('positive');
      const [contact] = await t().db.query<{ id: string }>(
        `INSERT INTO contacts (case_id, person_id, degree, found_by, status, decided_at) VALUES ($1, $2, 'F1', 'named', 'confirmed', now()) RETURNING id`, [kase.body.id, personId],
      );
      await t().db.query(
        `INSERT INTO quarantine_orders (contact_id, person_id, kind, place, starts_on, ends_on) VALUES ($1, $2, 'home', 'Ấp 1', current_date - 3, current_date + 10)`, [contact!.id, personId],
      );
      const proposal = await openProposalOf(personId);
      const accepted = await t().request('POST', `/api/v1/testing/case-proposals/${proposal.id}/accept`, { token: t().adminToken });
      assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
      const created = await t().request('GET', `/api/v1/cases/${accepted.body.caseId}`, { token: t().adminToken });
      assert.equal(created.body.source, 'in_quarantine');
    });

    test('dismissing needs a reason and creates no case; a corrected positive dismisses its open proposal by itself', async () => {
      const first = await tested('positive');
      const proposal = await openProposalOf(first.personId);
      const officer = await t().tokenFor('health_officer', '93');
      const url = `/api/v1/testing/case-proposals/${proposal.id}/dismiss`;
      assert.equal((await t().request('POST', url, { token: officer, body: {} })).status, 400);
      const dismissed = await t().request('POST', url, { token: officer, body: { reason: 'đã là ca bệnh ở tỉnh khác' } });
      assert.equal(dismissed.status, 200);
      assert.deepEqual([dismissed.body.status, dismissed.body.dismissReason, dismissed.body.caseId], ['dismissed', 'đã là ca bệnh ở tỉnh khác', null]);
      assert.equal((await t().request('POST', `/api/v1/testing/case-proposals/${proposal.id}/accept`, { token: officer })).status, 409);

      const second = await tested('positive');
      const open = await openProposalOf(second.personId);
      const corrected = await enterResult(t, lab, { barcode: second.barcode, outcome: 'negative', correction: { reason: 'nhiễm chéo khi chạy máy' } });
      assert.equal(corrected.status, 201);
      const list = await t().request('GET', '/api/v1/testing/case-proposals?status=dismissed&limit=500', { token: officer });
      const closed = list.body.items.find((p: { id: string }) => p.id === open.id);
      assert.match(closed.dismissReason, /corrected: nhiễm chéo khi chạy máy/);
      assert.equal(await openProposalOf(second.personId), undefined);
    });
  });
}
