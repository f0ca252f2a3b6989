// The observation after a dose over HTTP on both engines: the site's list with the minutes left (an
// audited read), ending it (not before the 30 minutes unless the person left early), a reaction
// opening an AEFI report, repeats and scope.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';
import { OTHER_COMMUNE, COMMUNE } from './vaccination.testkit.js';
import { auditOf, vaccinatedAtVisit } from './visits.testkit.js';

const listOf = (t: () => { request: (m: string, u: string, o?: { token?: string }) => Promise<{ status: number; body: any }>; adminToken: string }, siteId: string, token?: string) =>
  t().request('GET', `/api/v1/vaccination/sites/${siteId}/observations?reason=${encodeURIComponent('theo dõi sau tiêm')}`, { token: token ?? t().adminToken });

const endIt = (t: () => { request: (m: string, u: string, o?: { token?: string; body?: unknown }) => Promise<{ status: number; body: any }>; adminToken: string }, doseId: string, body: Record<string, unknown>) =>
  t().request('POST', `/api/v1/vaccination/observations/${doseId}/end`, { token: t().adminToken, body });

const aefiDetails = (overrides: Record<string, unknown> = {}) => ({
  id: randomUUID(), onsetAt: new Date().toISOString(), severity: 'mild', symptoms: ['dizziness', 'injection_site_reaction'], action: 'observed', ...overrides,
});

for (const engine of engines()) {
  describe(`vaccination observation (${engine})`, () => {
    const t = withTestApp(engine);

    test('a dose from a visit puts the person under observation: listed with the minutes left, an audited read', async () => {
      const { stock, doseId, visitId, personId } = await vaccinatedAtVisit(t(), 1);
      const list = await listOf(t, stock.siteId);
      assert.equal(list.status, 200);
      assert.equal(list.body.minutes, 30);
      assert.equal(list.body.items.length, 1);
      const [item] = list.body.items;
      assert.deepEqual([item.doseId, item.visitId, item.person.id, item.doseNumber, item.productCode], [doseId, visitId, personId, 1, 'PFIZER']);
      assert.equal(Date.parse(item.dueAt) - Date.parse(item.startedAt), 30 * 60_000);
      assert.ok(item.minutesLeft > 0 && item.minutesLeft <= 30, `${item.minutesLeft} minutes left`);
      assert.equal(item.due, false);
      const rows = await auditOf(t(), 'vaccination_observations', stock.siteId);
      assert.deepEqual(rows.map((r) => [r.action, r.reason, r.detail?.people]), [['read', 'theo dõi sau tiêm', 1]]);
    });

    test('no reaction before the 30 minutes is refused naming outcome; left early ends it and it leaves the list', async () => {
      const { stock, doseId } = await vaccinatedAtVisit(t(), 1);
      const early = await endIt(t, doseId, { outcome: 'no_reaction' });
      assert.equal(early.status, 422);
      assert.match(early.body.error.fields.outcome, /once the 30 minutes are over .*record left_early/);
      const left = await endIt(t, doseId, { outcome: 'left_early', note: 'Người nhà đón về sớm' });
      assert.equal(left.status, 200, JSON.stringify(left.body));
      assert.deepEqual([left.body.outcome, left.body.aefi, left.body.repeat], ['left_early', null, false]);
      assert.deepEqual((await listOf(t, stock.siteId)).body.items, []);
      const again = await endIt(t, doseId, { outcome: 'left_early', note: 'Người nhà đón về sớm' });
      assert.deepEqual([again.status, again.body.repeat], [200, true]);
      const changed = await endIt(t, doseId, { outcome: 'no_reaction' });
      assert.equal(changed.status, 409);
      assert.match(changed.body.error.fields.outcome, /already ended with left_early/);
    });

    test('once the 30 minutes are over the person is due and may leave with no reaction', async () => {
      const { stock, doseId } = await vaccinatedAtVisit(t(), 45);
      const [item] = (await listOf(t, stock.siteId)).body.items;
      assert.deepEqual([item.minutesLeft, item.due], [0, true]);
      const ended = await endIt(t, doseId, { outcome: 'no_reaction' });
      assert.equal(ended.status, 200, JSON.stringify(ended.body));
      assert.equal(ended.body.outcome, 'no_reaction');
    });

    test('a reaction needs its AEFI report (400 aefi, fields named aefi.*) and opens it in the same step', async () => {
      const { doseId, personId } = await vaccinatedAtVisit(t(), 10);
      const missing = await endIt(t, doseId, { outcome: 'reaction' });
      assert.equal(missing.status, 400);
      assert.match(missing.body.error.fields.aefi, /required with outcome reaction/);
      const stray = await endIt(t, doseId, { outcome: 'left_early', aefi: aefiDetails() });
      assert.equal(stray.status, 400);
      assert.match(stray.body.error.fields.aefi, /only with outcome reaction/);
      const badSymptom = await endIt(t, doseId, { outcome: 'reaction', aefi: aefiDetails({ symptoms: ['sneezing'] }) });
      assert.equal(badSymptom.status, 400);
      assert.ok(badSymptom.body.error.fields['aefi.symptoms[0]'], JSON.stringify(badSymptom.body.error));
      const noHospital = await endIt(t, doseId, { outcome: 'reaction', aefi: aefiDetails({ action: 'referred' }) });
      assert.equal(noHospital.status, 400);
      assert.match(noHospital.body.error.fields['aefi.hospital'], /required when the person was referred/);
      const reaction = await endIt(t, doseId, { outcome: 'reaction', aefi: aefiDetails() });
      assert.equal(reaction.status, 200, JSON.stringify(reaction.body));
      assert.equal(reaction.body.aefi.doseId, doseId);
      assert.equal(reaction.body.aefi.person.id, personId);
      assert.deepEqual([reaction.body.aefi.severity, reaction.body.aefi.status], ['mild', 'reported']);
      const [count] = await t().db.query<{ n: number }>('SELECT count(*)::int AS n FROM vaccination_aefi_reports WHERE dose_id = $1', [doseId]);
      assert.equal(count?.n, 1);
    });

    test('scope: another commune sees no observation list and cannot end one; a viewer may not read it', async () => {
      const { stock, doseId } = await vaccinatedAtVisit(t(), 1);
      const elsewhere = await t().tokenFor('vaccinator', OTHER_COMMUNE);
      assert.equal((await listOf(t, stock.siteId, elsewhere)).status, 404);
      const ended = await t().request('POST', `/api/v1/vaccination/observations/${doseId}/end`, { token: elsewhere, body: { outcome: 'left_early' } });
      assert.equal(ended.status, 404);
      assert.equal((await listOf(t, stock.siteId, await t().tokenFor('vaccinator', COMMUNE))).status, 200);
      assert.equal((await listOf(t, stock.siteId, await t().tokenFor('viewer', COMMUNE))).status, 403);
      assert.equal((await endIt(t, randomUUID(), { outcome: 'left_early' })).status, 404);
    });
  });
}
