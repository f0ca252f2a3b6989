// Adverse events following immunisation over HTTP on both engines: bad input names the field,
// reports and their retries, follow-ups (status and escalation), lists by unit and severity for
// health staff (audited), scope, and the live event of a serious report (ids only).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import { withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';
import { liveEvent } from '../testing/lab.testkit.js';
import { COMMUNE, DISTRICT, OTHER_COMMUNE, buildDose, createPerson, daysAgo, postDose, siteWithStock } from './vaccination.testkit.js';
import { auditOf } from './visits.testkit.js';

const report = (doseId: string, overrides: Record<string, unknown> = {}) => ({
  id: randomUUID(), doseId, onsetAt: new Date(Date.now() - 60_000).toISOString(), severity: 'mild', symptoms: ['fever', 'headache'],
  action: 'treated_on_site', actionNote: 'Paracetamol 500 mg', ...overrides,
});

for (const engine of engines()) {
  describe(`vaccination AEFI (${engine})`, () => {
    const t = withTestApp(engine);
    const post = (body: unknown, token = t().adminToken) => t().request('POST', '/api/v1/vaccination/aefi', { token, body });
    const followUp = (id: string, body: Record<string, unknown>, token = t().adminToken) =>
      t().request('POST', `/api/v1/vaccination/aefi/${id}/follow-ups`, { token, body: { id: randomUUID(), ...body } });
    async function givenDose(communeCode = COMMUNE) {
      const stock = await siteWithStock(t(), { communeCode });
      const personId = await createPerson(t(), { communeCode });
      const dose = await postDose(t(), buildDose(personId, stock, { administeredAt: daysAgo(1 / 12) }));
      assert.equal(dose.status, 201);
      return { doseId: dose.body.id as string, personId, siteId: stock.siteId };
    }

    test('bad input names the field', async () => {
      const { doseId } = await givenDose();
      const cases: [Record<string, unknown>, number, string, RegExp][] = [
        [{ severity: 'moderate' }, 400, 'severity', /must be/],
        [{ symptoms: [] }, 400, 'symptoms', /fewer than 1|must NOT have fewer/],
        [{ symptoms: ['fever', 'fever'] }, 400, 'symptoms', /duplicate/],
        [{ symptoms: ['sneezing'] }, 400, 'symptoms[0]', /allowed values/],
        [{ symptoms: ['other'] }, 400, 'description', /required with the symptom other/],
        [{ action: 'referred' }, 400, 'hospital', /required when the person was referred/],
        [{ hospital: 'Bệnh viện tỉnh' }, 400, 'hospital', /only with action referred/],
        [{ onsetAt: daysAgo(1) }, 400, 'onsetAt', /before the dose was given/],
        [{ onsetAt: daysAgo(-1) }, 400, 'onsetAt', /future/],
        [{ doseId: randomUUID() }, 400, 'doseId', /no such dose in your area/],
        [{ severity: 'mild', symptoms: ['anaphylaxis'] }, 422, 'severity', /must be serious with anaphylaxis/],
      ];
      for (const [overrides, status, field, reason] of cases) {
        const response = await post(report(doseId, overrides));
        assert.equal(response.status, status, `${JSON.stringify(overrides)} → ${JSON.stringify(response.body)}`);
        assert.match(response.body.error.fields?.[field] ?? '', reason, `${field}: ${JSON.stringify(response.body.error)}`);
      }
    });

    test('a report, its retry (200) and the id reused for another dose (409)', async () => {
      const { doseId, personId } = await givenDose();
      const body = report(doseId);
      const first = await post(body);
      assert.equal(first.status, 201, JSON.stringify(first.body));
      assert.deepEqual([first.body.person.id, first.body.productCode, first.body.doseNumber, first.body.status, first.body.followUps], [personId, 'PFIZER', 1, 'reported', []]);
      const again = await post(body);
      assert.deepEqual([again.status, again.body.repeat], [200, true]);
      const other = await givenDose();
      const reused = await post({ ...body, doseId: other.doseId });
      assert.equal(reused.status, 409);
      assert.ok(reused.body.error.fields.id);
    });

    test('follow-ups over time: the latest status is the report\'s; hospitalised makes a mild report serious', async () => {
      const { doseId } = await givenDose();
      const created = (await post(report(doseId))).body;
      const recovering = await followUp(created.id, { status: 'recovering', note: 'Hết sốt, còn mệt' });
      assert.equal(recovering.status, 201, JSON.stringify(recovering.body));
      assert.equal(recovering.body.status, 'recovering');
      const bad = await followUp(created.id, { status: 'better' });
      assert.equal(bad.status, 400);
      assert.ok(bad.body.error.fields.status);
      const early = await followUp(created.id, { status: 'recovered', observedAt: daysAgo(2) });
      assert.equal(early.status, 400);
      assert.match(early.body.error.fields.observedAt, /before the onset/);
      const hospital = await followUp(created.id, { status: 'hospitalised', note: 'Nhập viện theo dõi viêm cơ tim' });
      assert.deepEqual([hospital.body.status, hospital.body.severity, hospital.body.followUps.length], ['hospitalised', 'serious', 2]);
      const missing = await followUp(randomUUID(), { status: 'unknown' });
      assert.equal(missing.status, 404);
      const audit = await auditOf(t(), 'vaccination_aefi', created.id);
      assert.deepEqual(audit.map((r) => r.action), ['report', 'follow_up', 'follow_up']);
    });

    test('health staff list reports by unit and severity; lists and reports are audited reads; scope by site or home', async () => {
      const here = await givenDose();
      const there = await givenDose(OTHER_COMMUNE);
      const serious = (await post(report(here.doseId, { severity: 'serious', symptoms: ['difficulty_breathing'], action: 'referred', hospital: 'Bệnh viện Đa khoa tỉnh Hậu Giang' }))).body;
      const mild = (await post(report(there.doseId))).body;
      const officer = await t().tokenFor('health_officer', DISTRICT);
      const list = await t().request('GET', `/api/v1/vaccination/aefi?severity=serious&reason=${encodeURIComponent('giám sát phản ứng sau tiêm')}`, { token: officer });
      assert.equal(list.status, 200);
      assert.ok(list.body.items.some((r: { id: string }) => r.id === serious.id));
      assert.ok(list.body.items.every((r: { severity: string }) => r.severity === 'serious'));
      const district = await t().request('GET', `/api/v1/vaccination/aefi?unitCode=${DISTRICT}`, { token: officer });
      assert.ok(!district.body.items.some((r: { id: string }) => r.id === mild.id), 'another district is out of scope');
      const all = await t().request('GET', `/api/v1/vaccination/aefi?unitCode=${OTHER_COMMUNE}`, { token: t().adminToken });
      assert.ok(all.body.items.some((r: { id: string }) => r.id === mild.id));
      assert.ok(all.body.items.every((r: { unitCode: string }) => r.unitCode === OTHER_COMMUNE));
      assert.equal((await t().request('GET', `/api/v1/vaccination/aefi/${mild.id}`, { token: officer })).status, 404);
      const one = await t().request('GET', `/api/v1/vaccination/aefi/${serious.id}?reason=${encodeURIComponent('xác minh')}`, { token: officer });
      assert.equal(one.status, 200);
      assert.equal(one.body.hospital, 'Bệnh viện Đa khoa tỉnh Hậu Giang');
      const reads = await t().db.query<{ entity: string; reason: string }>(
        `SELECT entity, reason FROM audit_log WHERE action = 'read' AND entity IN ('vaccination_aefi_list', 'vaccination_aefi') AND actor_username LIKE 'health-officer-%' ORDER BY at, id`,
      );
      assert.deepEqual(reads.map((r) => [r.entity, r.reason]), [['vaccination_aefi_list', 'giám sát phản ứng sau tiêm'], ['vaccination_aefi_list', 'list AEFI reports'], ['vaccination_aefi', 'xác minh']]);
      const bad = await t().request('GET', '/api/v1/vaccination/aefi?severity=moderate', { token: officer });
      assert.equal(bad.status, 400);
      assert.ok(bad.body.error.fields.severity);
      assert.equal((await t().request('GET', '/api/v1/vaccination/aefi', { token: await t().tokenFor('viewer', null) })).status, 403);
      // a person vaccinated elsewhere who lives here: their home district sees the report too
      const away = await siteWithStock(t(), { communeCode: OTHER_COMMUNE });
      const resident = await createPerson(t(), { communeCode: COMMUNE });
      const dose = await postDose(t(), buildDose(resident, away));
      const hers = (await post(report(dose.body.id))).body;
      assert.equal((await t().request('GET', `/api/v1/vaccination/aefi/${hers.id}`, { token: officer })).status, 200);
    });

    test('a serious report is announced live at once, with ids and units only', async () => {
      const { doseId, siteId } = await givenDose();
      await t().app.listen({ port: 0, host: '127.0.0.1' });
      const port = (t().app.server.address() as AddressInfo).port;
      const stream = await liveEvent(`http://127.0.0.1:${port}/api/v1/events?types=vaccination.aefi_serious`, 'vaccination.aefi_serious');
      const created = await post(report(doseId, { severity: 'serious', symptoms: ['anaphylaxis', 'hypotension'], action: 'referred', hospital: 'Bệnh viện Đa khoa tỉnh Hậu Giang' }));
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const event = (await stream.next) as Record<string, unknown>;
      assert.deepEqual(event, { reportId: created.body.id, siteId, unitCode: COMMUNE, onsetAt: created.body.onsetAt, escalated: false });
    });
  });
}
