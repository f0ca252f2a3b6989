// Entering results over HTTP on both engines: refusals first (role, unknown tube, scope), a result
// entered twice (a repeat, a 409, a correction that keeps the history and re-derives each person's
// result), the machines' batch (all or nothing), attribution, audit and each person's message.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';
import { collectTube, enterResult, OTHER_COMMUNE, outcomesOf } from './lab.testkit.js';
import { testBarcode } from './factories.js';

for (const engine of engines()) {
  describe(`laboratory: entering results (${engine})`, () => {
    const t = withTestApp(engine);
    let lab: string;
    const labToken = async () => (lab ??= await t().tokenFor('lab_technician', '93'));
    const history = (barcode: string, token = t().adminToken) => t().request('GET', `/api/v1/testing/tubes/${barcode}/results`, { token });

    test('without testing:lab 403; a bad outcome or Ct value 400 naming the field', async () => {
      const tube = await collectTube(t, { members: 2 });
      const officer = await t().tokenFor('health_officer', '93');
      assert.equal((await enterResult(t, officer, { barcode: tube.barcode, outcome: 'negative' })).status, 403);
      const lab = await labToken();
      const badOutcome = await enterResult(t, lab, { barcode: tube.barcode, outcome: 'maybe' });
      assert.equal(badOutcome.status, 400);
      assert.ok(badOutcome.body.error.fields.outcome);
      const badCt = await enterResult(t, lab, { barcode: tube.barcode, outcome: 'positive', ctValues: { N: 99 } });
      assert.equal(badCt.status, 400);
      assert.ok(badCt.body.error.fields['ctValues.N'], JSON.stringify(badCt.body.error));
    });

    test('a result for an unknown tube is a 400 naming the barcode; reading its history a 404', async () => {
      const barcode = testBarcode();
      const response = await enterResult(t, await labToken(), { barcode, outcome: 'negative' });
      assert.equal(response.status, 400);
      assert.deepEqual(response.body.error.fields, { barcode: 'no such tube' });
      assert.equal((await history(barcode)).status, 404);
    });

    test('scope: a lab technician of another commune cannot enter results for these tubes (as if unknown)', async () => {
      const tube = await collectTube(t, { members: 2 });
      const elsewhere = await t().tokenFor('lab_technician', OTHER_COMMUNE);
      const response = await enterResult(t, elsewhere, { barcode: tube.barcode, outcome: 'negative' });
      assert.equal(response.status, 400);
      assert.deepEqual(response.body.error.fields, { barcode: 'no such tube' });
      assert.equal((await history(tube.barcode, elsewhere)).status, 404);
      assert.deepEqual(await outcomesOf(t, tube.personIds), [[], []]);
    });

    test('a result is attributed and audited, receives the tube if nobody scanned it, and each member with a phone gets a message', async () => {
      const tube = await collectTube(t, { members: 3 });
      const lab = await labToken();
      const response = await enterResult(t, lab, { barcode: tube.barcode, outcome: 'negative', ctValues: {} });
      assert.equal(response.status, 201, JSON.stringify(response.body));
      assert.deepEqual({ ...response.body, resultId: undefined }, { barcode: tube.barcode, resultId: undefined, outcome: 'negative', repeat: false, corrected: false, people: 3, retests: [], caseProposals: 0 });
      const [row] = await t().db.query<{ source: string; entered_by: string; status: string; received_by: string }>(
        `SELECT r.source, r.entered_by, t.status, t.received_by FROM tube_results r JOIN tubes t ON t.id = r.tube_id WHERE t.barcode = $1`, [tube.barcode],
      );
      assert.equal(row!.source, 'manual');
      assert.equal(row!.status, 'resulted');
      assert.equal(row!.received_by, row!.entered_by);
      const audits = await t().db.query(`SELECT 1 FROM audit_log WHERE action = 'enter_result' AND entity_id = $1 AND actor_id = $2`, [tube.tubeId, row!.entered_by]);
      assert.equal(audits.length, 1);
      const messages = await t().db.query<{ template: string; channel: string; payload: Record<string, string> }>(
        `SELECT template, channel, payload FROM outbox_messages WHERE person_id = ANY ($1::uuid[])`, [tube.personIds],
      );
      assert.equal(messages.length, 3);
      for (const message of messages) {
        assert.equal(message.template, 'test_result');
        assert.equal(message.channel, 'sms');
        assert.equal(message.payload.result, 'negative');
        assert.equal(message.payload.testType, 'rt_pcr');
        assert.match(message.payload.sampledOn!, /^\d{4}-\d{2}-\d{2}$/);
      }
    });

    test('a result entered twice: the same outcome is a repeat, a different one without a correction 409, with one it supersedes and re-derives', async () => {
      const tube = await collectTube(t, { members: 4 });
      const lab = await labToken();
      const first = await enterResult(t, lab, { barcode: tube.barcode, outcome: 'negative' });
      assert.equal(first.status, 201);

      const repeat = await enterResult(t, lab, { barcode: tube.barcode, outcome: 'negative', ctValues: { N: 37 } });
      assert.equal(repeat.status, 200);
      assert.equal(repeat.body.repeat, true);
      assert.equal(repeat.body.resultId, first.body.resultId);
      assert.equal((await history(tube.barcode)).body.items.length, 1, 'a repeat changes nothing');

      const refused = await enterResult(t, lab, { barcode: tube.barcode, outcome: 'positive' });
      assert.equal(refused.status, 409);
      assert.match(refused.body.error.fields.outcome, /current result \(negative\).*correction/);

      const shortReason = await enterResult(t, lab, { barcode: tube.barcode, outcome: 'positive', correction: { reason: 'x' } });
      assert.equal(shortReason.status, 400);
      assert.ok(shortReason.body.error.fields['correction.reason']);

      const corrected = await enterResult(t, lab, { barcode: tube.barcode, outcome: 'positive', ctValues: { N: 31.2, ORF1ab: 32.5 }, correction: { reason: 'mẫu bị ghi nhầm giếng' } });
      assert.equal(corrected.status, 201, JSON.stringify(corrected.body));
      assert.equal(corrected.body.corrected, true);
      assert.equal(corrected.body.retests.length, 4, 'a pool of four kept samples: four individual retests');

      const items = (await history(tube.barcode)).body.items;
      assert.deepEqual(items.map((i: { outcome: string; current: boolean }) => [i.outcome, i.current]), [['positive', true], ['negative', false]]);
      assert.equal(items[0].supersedes, first.body.resultId);
      assert.equal(items[0].correctionReason, 'mẫu bị ghi nhầm giếng');
      assert.deepEqual(items[0].ctValues, { N: 31.2, ORF1ab: 32.5 });
      assert.ok(items[0].enteredByName);

      const results = await t().request('GET', `/api/v1/testing/people/${tube.personIds[0]}/results?reason=${encodeURIComponent('kiểm tra đính chính')}`, { token: t().adminToken });
      assert.deepEqual(results.body.items.map((i: { outcome: string; current: boolean }) => [i.outcome, i.current]).sort(), [['negative', false], ['retest_pending', true]]);
      const audits = await t().db.query<{ reason: string }>(`SELECT reason FROM audit_log WHERE action = 'correct_result' AND entity_id = $1`, [tube.tubeId]);
      assert.deepEqual(audits.map((a) => a.reason), ['mẫu bị ghi nhầm giếng']);

      // corrected back: the retests it planned are withdrawn, people negative again
      const back = await enterResult(t, lab, { barcode: tube.barcode, outcome: 'negative', correction: { reason: 'kết quả dương tính nhập nhầm ống' } });
      assert.equal(back.status, 201);
      const withdrawn = await t().db.query('SELECT 1 FROM tubes WHERE barcode = ANY ($1::text[])', [corrected.body.retests]);
      assert.equal(withdrawn.length, 0, 'planned retests nobody made are withdrawn');
      assert.deepEqual((await outcomesOf(t, tube.personIds)).map((list) => list[0]), ['negative', 'negative', 'negative', 'negative']);
    });

    test('two results for one tube at once: one is entered, the other sees it (a repeat, or a 409 when it differs)', async () => {
      const lab = await labToken();
      const same = await collectTube(t, { members: 2 });
      const twice = await Promise.all([enterResult(t, lab, { barcode: same.barcode, outcome: 'negative' }), enterResult(t, lab, { barcode: same.barcode, outcome: 'negative' })]);
      assert.deepEqual(twice.map((r) => r.status).sort(), [200, 201]);
      const differ = await collectTube(t, { members: 2 });
      const race = await Promise.all([enterResult(t, lab, { barcode: differ.barcode, outcome: 'negative' }), enterResult(t, lab, { barcode: differ.barcode, outcome: 'invalid' })]);
      assert.deepEqual(race.map((r) => r.status).sort(), [201, 409]);
      assert.equal((await history(differ.barcode)).body.items.length, 1);
      assert.deepEqual((await outcomesOf(t, same.personIds)).map((list) => list.length), [1, 1], 'one person result each');
    });

    test('the batch of a machine: all or nothing, naming items[i].field; repeats counted; source api', async () => {
      const lab = await labToken();
      const a = await collectTube(t, { members: 2 });
      const b = await collectTube(t, { members: 2 });
      const unknown = await t().request('POST', '/api/v1/testing/results/batch', { token: lab, body: { items: [{ barcode: a.barcode, outcome: 'negative' }, { barcode: testBarcode(), outcome: 'negative' }] } });
      assert.equal(unknown.status, 400);
      assert.deepEqual(unknown.body.error.fields, { 'items[1].barcode': 'no such tube' });
      const schema = await t().request('POST', '/api/v1/testing/results/batch', { token: lab, body: { items: [{ barcode: a.barcode, outcome: 'negative' }, { barcode: b.barcode, outcome: 'nope' }] } });
      assert.equal(schema.status, 400);
      assert.ok(schema.body.error.fields['items[1].outcome']);
      const twice = await t().request('POST', '/api/v1/testing/results/batch', { token: lab, body: { items: [{ barcode: a.barcode, outcome: 'negative' }, { barcode: a.barcode, outcome: 'negative' }] } });
      assert.equal(twice.status, 400);
      assert.match(twice.body.error.fields['items[1].barcode'], /repeats the barcode of items\[0\]\.barcode/);
      assert.deepEqual(await outcomesOf(t, [...a.personIds, ...b.personIds]), [[], [], [], []], 'nothing was entered');

      const ok = await t().request('POST', '/api/v1/testing/results/batch', { token: lab, body: { items: [{ barcode: a.barcode, outcome: 'negative' }, { barcode: b.barcode, outcome: 'negative', ctValues: {} }] } });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.deepEqual([ok.body.created, ok.body.repeats], [2, 0]);
      const [source] = await t().db.query<{ source: string }>('SELECT source FROM tube_results r JOIN tubes t ON t.id = r.tube_id WHERE t.barcode = $1', [a.barcode]);
      assert.equal(source!.source, 'api');

      const conflictBatch = await t().request('POST', '/api/v1/testing/results/batch', { token: lab, body: { items: [{ barcode: a.barcode, outcome: 'negative' }, { barcode: b.barcode, outcome: 'invalid' }] } });
      assert.equal(conflictBatch.status, 409);
      assert.ok(conflictBatch.body.error.fields['items[1].outcome']);
      const again = await t().request('POST', '/api/v1/testing/results/batch', { token: lab, body: { items: [{ barcode: a.barcode, outcome: 'negative' }] } });
      assert.deepEqual([again.body.created, again.body.repeats], [0, 1]);

      const tooMany = await t().request('POST', '/api/v1/testing/results/batch', { token: lab, body: { items: Array.from({ length: 1001 }, () => ({ barcode: a.barcode, outcome: 'negative' })) } });
      assert.equal(tooMany.status, 400);
      assert.ok(tooMany.body.error.fields.items);
    });
  });
}
