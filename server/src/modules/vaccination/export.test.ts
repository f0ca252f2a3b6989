// The national export over HTTP on both engines: batches take pending doses once (Idempotency-Key,
// scope); the NDJSON lines are valid FHIR R4 (HL7's JSON schema) and the CSV is formula-safe; every
// download is audited; the registry's answers move statuses, retries change nothing, and a
// rejected dose goes out again once corrected.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';
import { exportFixture, FORMULA_ADDRESS, send } from './export.testkit.js';
import { fhirProblems } from './fhir.validator.js';

type Fixture = Awaited<ReturnType<typeof exportFixture>>;
type Resource = Record<string, any>;

for (const engine of engines()) {
  describe(`vaccination national export (${engine})`, () => {
    const t = withTestApp(engine);
    let fx: Fixture;
    let batchId: string;
    const status = async (unitCode: string) => (await send(t(), 'GET', `/api/v1/vaccination/exports/status?unitCode=${unitCode}`)).json().unit;

    before(async () => {
      fx = await exportFixture(t());
    });

    test('permission and scope: vaccinators may not export; a district exports only its own doses', async () => {
      const vaccinator = await t().tokenFor('vaccinator', '93');
      assert.equal((await send(t(), 'POST', '/api/v1/vaccination/exports', { token: vaccinator, body: {} })).status, 403);
      assert.deepEqual(await status('93'), { unitCode: '93', unitName: 'Tỉnh Hậu Giang', total: 4, pending: 4, exported: 0, acknowledged: 0, rejected: 0, acknowledgedShare: 0 });

      const ngaBay = await t().tokenFor('health_officer', '931');
      const outside = await send(t(), 'POST', '/api/v1/vaccination/exports', { token: ngaBay, body: { unitCode: '930' } });
      assert.equal(outside.status, 400);
      assert.match(outside.json().error.fields.unitCode, /not a unit in your area/);
      const own = await send(t(), 'POST', '/api/v1/vaccination/exports', { token: ngaBay, body: {} });
      assert.equal(own.status, 201, own.text);
      assert.deepEqual([own.json().unitCode, own.json().doseCount], ['931', 1]);
      const page = await send(t(), 'GET', '/api/v1/vaccination/exports', { token: ngaBay });
      assert.deepEqual(page.json().items.map((b: { id: string }) => b.id), [own.json().id]);
    });

    test('a batch takes the pending doses once; the same Idempotency-Key answers the same batch; nothing left is 422', async () => {
      const key = randomUUID();
      const first = await send(t(), 'POST', '/api/v1/vaccination/exports', { body: { unitCode: '930' }, headers: { 'idempotency-key': key } });
      assert.equal(first.status, 201, first.text);
      assert.equal(first.json().doseCount, 3);
      batchId = first.json().id;
      const retry = await send(t(), 'POST', '/api/v1/vaccination/exports', { body: { unitCode: '930' }, headers: { 'idempotency-key': key } });
      assert.equal(retry.status, 201);
      assert.equal(retry.json().id, batchId);
      const again = await send(t(), 'POST', '/api/v1/vaccination/exports', { body: { unitCode: '930' } });
      assert.equal(again.status, 422);
      assert.match(again.json().error.fields.unitCode, /no pending or corrected doses/);
      assert.deepEqual(await status('930'), { unitCode: '930', unitName: 'Thành phố Vị Thanh', total: 3, pending: 0, exported: 3, acknowledged: 0, rejected: 0, acknowledgedShare: 0 });
      const [row] = await t().db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'vaccination_export' AND action = 'create'`);
      assert.equal(row!.n, 2, 'one audit row per batch');
    });

    test('NDJSON: each Patient once then each Immunization, valid against the FHIR R4 JSON schema; the download is audited', async () => {
      const response = await send(t(), 'GET', `/api/v1/vaccination/exports/${batchId}/ndjson?reason=${encodeURIComponent('gửi Nền tảng quốc gia')}`);
      assert.equal(response.status, 200, response.text);
      assert.match(String(response.headers['content-type']), /application\/fhir\+ndjson/);
      assert.match(String(response.headers['content-disposition']), /attachment/);
      const lines = response.text.trimEnd().split('\n');
      const resources = lines.map((line) => JSON.parse(line) as Resource);
      for (const resource of resources) assert.deepEqual(fhirProblems(resource), [], `${resource.resourceType}/${resource.id}`);
      assert.deepEqual(resources.map((r) => r.resourceType).sort(), ['Immunization', 'Immunization', 'Immunization', 'Patient', 'Patient']);

      const patients = new Map(resources.filter((r) => r.resourceType === 'Patient').map((r) => [r.id, r]));
      const lan = patients.get(fx.people.lan)!;
      assert.equal(lan.identifier[0].value.length, 12, 'the national ID');
      assert.deepEqual([lan.name[0].text, lan.gender, lan.birthDate, lan.address[0].city, lan.address[0].district], ['Trần Thị Lan', 'female', '1980-05-02', 'Phường III', 'Thành phố Vị Thanh']);
      const minh = patients.get(fx.people.minh)!;
      assert.equal(minh.birthDate, '1958', 'a birth year stays a year');
      assert.equal(minh.identifier.length, 1, 'no national ID: only the Vigil id');

      const doses = resources.filter((r) => r.resourceType === 'Immunization');
      for (const dose of doses) {
        const patient = dose.patient.reference.replace('Patient/', '');
        assert.ok(patients.has(patient), 'the patient is in the file');
        assert.ok(lines.findIndex((l) => l.includes(`"id":"${patient}"`)) < lines.findIndex((l) => l.includes(`"id":"${dose.id}"`)), 'Patient before its doses');
      }
      const second = doses.find((d) => d.id === fx.doses.lan![1])!;
      assert.equal(second.status, 'completed');
      assert.equal(second.lotNumber, fx.lotNumber);
      assert.match(second.expirationDate, /^\d{4}-\d{2}-\d{2}$/);
      assert.deepEqual(second.vaccineCode.coding.map((c: { code: string }) => c.code), ['1119349007', 'EU/1/20/1528', 'PFIZER']);
      assert.deepEqual([second.protocolApplied[0].doseNumberPositiveInt, second.protocolApplied[0].seriesDosesPositiveInt, second.protocolApplied[0].series], [2, 2, 'primary']);
      assert.ok(second.performer[0].actor.identifier.value);
      assert.match(second.location.display, /Điểm tiêm/);

      const [audited] = await t().db.query<{ reason: string; detail: { format: string; doses: number; people: number } }>(
        `SELECT reason, detail FROM audit_log WHERE entity = 'vaccination_export' AND action = 'download' AND entity_id = $1`, [batchId]);
      assert.equal(audited?.reason, 'gửi Nền tảng quốc gia');
      assert.deepEqual(audited?.detail, { format: 'ndjson', doses: 3, people: 2 });
    });

    test('the schema check is real: a broken resource fails it', () => {
      assert.ok(fhirProblems({ resourceType: 'Immunization', status: 'given', patient: { reference: 'Patient/1' } }).length > 0);
      assert.ok(fhirProblems({ resourceType: 'Patient', birthDate: '1958-13' }).some((p) => p.includes('/birthDate')));
    });

    test('CSV: one row per dose, a formula in a cell is written as text', async () => {
      const response = await send(t(), 'GET', `/api/v1/vaccination/exports/${batchId}/csv`);
      assert.equal(response.status, 200);
      assert.match(String(response.headers['content-type']), /text\/csv/);
      const rows = parse<Record<string, string>>(response.text, { columns: true });
      assert.equal(rows.length, 3);
      const lan = rows.filter((row) => row.person_id === fx.people.lan);
      assert.deepEqual(lan.map((row) => row.dose_number), ['1', '2']);
      assert.equal(lan[0]!.address, `'${FORMULA_ADDRESS}`);
      assert.ok(rows.every((row) => !/^[=+\-@]/.test(row.address ?? '')));
      assert.equal(rows.find((row) => row.person_id === fx.people.minh)!.birth_date, '1958');
      assert.equal((await send(t(), 'GET', `/api/v1/vaccination/exports/${randomUUID()}/csv`)).status, 404);
      const ngaBay = await t().tokenFor('health_officer', '931');
      assert.equal((await send(t(), 'GET', `/api/v1/vaccination/exports/${batchId}/csv`, { token: ngaBay })).status, 404, "another district's batch is not found");
    });

    test("the registry's answers: bad input names the field; acknowledged and rejected; a retry changes nothing", async () => {
      const answer = (items: unknown) => send(t(), 'POST', `/api/v1/vaccination/exports/${batchId}/answers`, { body: { items } });
      const [lan1, lan2] = fx.doses.lan!;
      const minh = fx.doses.minh![0]!;
      const cases: [unknown, string, RegExp][] = [
        [[{ doseId: randomUUID(), outcome: 'acknowledged' }], 'items[0].doseId', /not a dose of this export/],
        [[{ doseId: minh, outcome: 'rejected' }], 'items[0].reason', /required/],
        [[{ doseId: minh, outcome: 'ok' }], 'items.0.outcome', /./],
        [[{ doseId: lan1, outcome: 'acknowledged' }, { doseId: lan1, outcome: 'acknowledged' }], 'items[1].doseId', /repeats/],
      ];
      for (const [items, field, reason] of cases) {
        const response = await answer(items);
        assert.equal(response.status, 400, response.text);
        const fields = response.json().error.fields as Record<string, string>;
        const name = Object.keys(fields).find((key) => key.replace(/\[(\d+)\]/g, '.$1') === field.replace(/\[(\d+)\]/g, '.$1'));
        assert.ok(name !== undefined, `${field} in ${JSON.stringify(fields)}`);
        assert.match(fields[name] ?? '', reason);
      }
      assert.equal((await status('930')).acknowledged, 0, 'a refused request changes nothing');

      const items = [
        { doseId: lan1, outcome: 'acknowledged', registryId: 'NIP-1' }, { doseId: lan2, outcome: 'acknowledged', registryId: 'NIP-2' },
        { doseId: minh, outcome: 'rejected', reason: 'Thiếu số định danh cá nhân' },
      ];
      assert.deepEqual((await answer(items)).json(), { batchId, updated: 3, unchanged: 0, superseded: 0 });
      assert.deepEqual((await answer(items)).json(), { batchId, updated: 0, unchanged: 3, superseded: 0 });
      assert.deepEqual(await status('930'), { unitCode: '930', unitName: 'Thành phố Vị Thanh', total: 3, pending: 0, exported: 0, acknowledged: 2, rejected: 1, acknowledgedShare: 0.6667 });
      const report = (await send(t(), 'GET', '/api/v1/vaccination/exports/status?unitCode=930')).json();
      assert.deepEqual(report.rejected.map((r: { doseId: string; reason: string }) => [r.doseId, r.reason]), [[minh, 'Thiếu số định danh cá nhân']]);
      const batch = (await send(t(), 'GET', `/api/v1/vaccination/exports/${batchId}`)).json();
      assert.deepEqual(batch.answers, { acknowledged: 2, rejected: 1, unanswered: 0 });
    });

    test('a rejected dose goes out again once its person is corrected; a late answer to the old batch is kept there only', async () => {
      const minh = fx.doses.minh![0]!;
      const fixed = await send(t(), 'PATCH', `/api/v1/people/${fx.people.minh}`, { body: { nationalId: '093058000123' } });
      assert.equal(fixed.status, 200, fixed.text);
      const next = await send(t(), 'POST', '/api/v1/vaccination/exports', { body: { unitCode: '930' } });
      assert.equal(next.status, 201, next.text);
      assert.equal(next.json().doseCount, 1);
      const ndjson = (await send(t(), 'GET', `/api/v1/vaccination/exports/${next.json().id}/ndjson`)).text.trimEnd().split('\n').map((l) => JSON.parse(l) as Resource);
      assert.deepEqual(ndjson.map((r) => r.id), [fx.people.minh, minh]);
      assert.equal(ndjson[0]!.identifier[0].value, '093058000123');

      const late = await send(t(), 'POST', `/api/v1/vaccination/exports/${batchId}/answers`, { body: { items: [{ doseId: minh, outcome: 'acknowledged' }] } });
      assert.deepEqual(late.json(), { batchId, updated: 0, unchanged: 0, superseded: 1 });
      assert.equal((await status('930')).exported, 1, 'the dose waits for the answer to the new batch');

      const csv = `dose_id,outcome,reason\n${minh},maybe,\n`;
      const bad = await send(t(), 'POST', `/api/v1/vaccination/exports/${next.json().id}/answers/import`, { body: csv, contentType: 'text/csv' });
      assert.equal(bad.status, 400);
      assert.ok(bad.json().error.fields['lines[2].outcome'], bad.text);
      const good = await send(t(), 'POST', `/api/v1/vaccination/exports/${next.json().id}/answers/import`, { body: `dose_id,outcome,reason\n${minh},acknowledged,\n`, contentType: 'text/csv' });
      assert.deepEqual(good.json(), { batchId: next.json().id, updated: 1, unchanged: 0, superseded: 0 });
      assert.deepEqual(await status('930'), { unitCode: '930', unitName: 'Thành phố Vị Thanh', total: 3, pending: 0, exported: 0, acknowledged: 3, rejected: 0, acknowledgedShare: 1 });
    });

    test('a rejected dose queued again by hand goes into the next batch', async () => {
      const ngaBay = await t().tokenFor('health_officer', '931');
      const [batch] = (await send(t(), 'GET', '/api/v1/vaccination/exports', { token: ngaBay })).json().items;
      const hoa = fx.doses.hoa![0]!;
      await send(t(), 'POST', `/api/v1/vaccination/exports/${batch.id}/answers`, { token: ngaBay, body: { items: [{ doseId: hoa, outcome: 'rejected', reason: 'Sai mã cơ sở tiêm' }] } });
      assert.equal((await send(t(), 'POST', '/api/v1/vaccination/exports', { token: ngaBay, body: {} })).status, 422, 'not corrected yet');
      const notMine = await send(t(), 'POST', '/api/v1/vaccination/exports/requeue', { token: await t().tokenFor('health_officer', '930'), body: { doseIds: [hoa] } });
      assert.deepEqual(notMine.json(), { requeued: [], notRejected: [hoa] });
      const requeued = await send(t(), 'POST', '/api/v1/vaccination/exports/requeue', { token: ngaBay, body: { doseIds: [hoa, fx.doses.lan![0]] } });
      assert.deepEqual(requeued.json(), { requeued: [hoa], notRejected: [fx.doses.lan![0]] });
      assert.equal((await status('931')).pending, 1);
      const next = await send(t(), 'POST', '/api/v1/vaccination/exports', { token: ngaBay, body: {} });
      assert.equal(next.json().doseCount, 1);
      assert.equal((await status('93')).exported, 1);
      assert.equal((await send(t(), 'POST', '/api/v1/vaccination/exports/requeue', { body: { doseIds: ['x'] } })).status, 400);
    });
  });
}
