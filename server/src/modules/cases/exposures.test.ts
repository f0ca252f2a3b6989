// The exposure rule of place-and-time tracing at its edges (docs/API-TRACING.md), over HTTP.
// Times are minutes on a grid (timeGrid); the case's infectious window is [-1440, 1440) unless a test says otherwise.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';
import { buildPerson } from '../../testing/factories.js';
import { buildVenue } from '../checkins/factories.js';
import { buildCase, timeGrid } from './factories.js';

interface Item { personId: string; venueId: string; firstOverlapStart: string; lastOverlapEnd: string; overlapMinutes: number }

for (const engine of engines()) {
  describe(`place-and-time tracing: the exposure rule (${engine})`, () => {
    const t = withTestApp(engine);
    const { at, visit } = timeGrid();
    const admin = () => t().adminToken;
    const venue = async (dwell = 60) => ((await t().request('POST', '/api/v1/venues', { token: admin(), body: buildVenue({ defaultDwellMinutes: dwell }) })).body as { id: string }).id;
    const person = async () => ((await t().request('POST', '/api/v1/people', { token: admin(), body: buildPerson() })).body as { id: string }).id;
    /** People by name: `const p = await people('f0', 'other')` → p.f0, p.other. */
    const people = async <K extends string>(...names: K[]) => Object.fromEntries(await Promise.all(names.map(async (name) => [name, await person()]))) as Record<K, string>;
    const checkIn = async (items: unknown[]) => {
      const response = await t().request('POST', '/api/v1/checkins/batch', { token: admin(), body: { items } });
      assert.equal(response.status, 200, JSON.stringify(response.body));
    };
    const openCase = async (personId: string, window: [number, number] = [-1440, 1440]) => {
      const response = await t().request('POST', '/api/v1/cases', { token: admin(), body: buildCase(personId, { confirmedAt: at(window[1]), infectiousFrom: at(window[0]), infectiousTo: at(window[1]) }) });
      assert.equal(response.status, 201, JSON.stringify(response.body));
      return response.body.id as string;
    };
    const trace = async (caseId: string, margin?: number) => {
      const query = `${margin === undefined ? '' : `marginMinutes=${margin}&`}reason=${encodeURIComponent('điều tra F0')}`;
      const response = await t().request('GET', `/api/v1/cases/${caseId}/exposures?${query}`, { token: admin() });
      assert.equal(response.status, 200, JSON.stringify(response.body));
      return response.body as { items: Item[]; exposureVisits: number; marginMinutes: number };
    };
    const byPerson = (items: Item[]) => new Map(items.map((item) => [item.personId, item]));
    const summary = (item: Item | undefined) => item && { from: item.firstOverlapStart, to: item.lastOverlapEnd, minutes: item.overlapMinutes };

    test('tracing needs tracing:run, a reason (400 naming reason) and a case in the tracer\'s scope (404 outside); it is audited with its count', async () => {
      const v = await venue();
      const { f0, a, b } = await people('f0', 'a', 'b');
      await checkIn([visit(v, f0, 600, 660), visit(v, a, 610, 620), visit(v, b, 640, 700)]);
      const caseId = await openCase(f0);
      const url = `/api/v1/cases/${caseId}/exposures`;
      const tracer = await t().tokenFor('tracer', '930');
      assert.equal((await t().request('GET', `${url}?reason=xyz`)).status, 401);
      assert.equal((await t().request('GET', `${url}?reason=xyz`, { token: await t().tokenFor('viewer', '93') })).status, 403);
      for (const query of ['', '?reason=', '?reason=%20%20%20%20', '?marginMinutes=30']) {
        const missing = await t().request('GET', `${url}${query}`, { token: tracer });
        assert.equal(missing.status, 400, query);
        assert.ok(missing.body.error.fields.reason, JSON.stringify(missing.body));
      }
      assert.ok((await t().request('GET', `${url}?reason=abc&marginMinutes=-1`, { token: tracer })).body.error.fields.marginMinutes);
      const elsewhere = await t().request('GET', `${url}?reason=${encodeURIComponent('ca F0 ở Vị Thanh')}`, { token: await t().tokenFor('tracer', '934') });
      assert.equal(elsewhere.status, 404);

      const reason = 'F0 số 17, chợ Vị Thanh';
      const traced = await t().request('GET', `${url}?marginMinutes=0&reason=${encodeURIComponent(reason)}`, { token: tracer });
      assert.equal(traced.status, 200);
      assert.equal(traced.body.items.length, 2);
      const entries = await t().db.query<{ reason: string; detail: { results: number; marginMinutes: number; exposureVisits: number } }>(
        `SELECT reason, detail FROM audit_log WHERE entity = 'case' AND action = 'trace' AND entity_id = $1 ORDER BY id`, [caseId]);
      // the refused attempts left no trace of data read; the one that ran is there with its count
      assert.equal(entries.length, 1);
      assert.equal(entries[0]!.reason, reason);
      assert.deepEqual({ ...entries[0]!.detail, infectiousFrom: undefined, infectiousTo: undefined }, { results: 2, marginMinutes: 0, exposureVisits: 1, infectiousFrom: undefined, infectiousTo: undefined });
    });

    test('touching intervals are not exposures; the margin widens the case\'s visit on both sides (default 30 minutes)', async () => {
      const v = await venue();
      const { f0, after, before, inside, farAfter, nearAfter } = await people('f0', 'after', 'before', 'inside', 'farAfter', 'nearAfter');
      await checkIn([
        visit(v, f0, 600, 660),
        visit(v, after, 660, 690), visit(v, before, 540, 600), visit(v, inside, 659, 690),
        visit(v, farAfter, 690, 720), visit(v, nearAfter, 689, 720),
      ]);
      const caseId = await openCase(f0);
      const exact = byPerson((await trace(caseId, 0)).items);
      assert.deepEqual([...exact.keys()], [inside]);
      assert.deepEqual(summary(exact.get(inside)), { from: at(659), to: at(660), minutes: 1 });

      const widened = await trace(caseId);
      assert.equal(widened.marginMinutes, 30);
      const items = byPerson(widened.items);
      assert.deepEqual(new Set(items.keys()), new Set([after, before, inside, nearAfter]));
      assert.deepEqual(summary(items.get(after)), { from: at(660), to: at(690), minutes: 30 });
      assert.deepEqual(summary(items.get(before)), { from: at(570), to: at(600), minutes: 30 });
      assert.deepEqual(summary(items.get(nearAfter)), { from: at(689), to: at(690), minutes: 1 });
      // longest overlap first
      assert.equal(widened.items[0]!.personId, inside);
    });

    test('a visit without check-out lasts the venue\'s dwell time, the case\'s and the others\'', async () => {
      const v = await venue(45);
      const { f0, later, earlier, touching } = await people('f0', 'later', 'earlier', 'touching');
      await checkIn([visit(v, f0, 600), visit(v, later, 650), visit(v, earlier, 560), visit(v, touching, 555)]);
      const caseId = await openCase(f0);
      // the case's visit ends at 645; the earlier one at 605 (exposed), the touching one at 600 (not)
      const exact = byPerson((await trace(caseId, 0)).items);
      assert.deepEqual([...exact.keys()], [earlier]);
      assert.deepEqual(summary(exact.get(earlier)), { from: at(600), to: at(605), minutes: 5 });
      const widened = byPerson((await trace(caseId, 10)).items);
      assert.deepEqual(summary(widened.get(later)), { from: at(650), to: at(655), minutes: 5 });
      assert.deepEqual(summary(widened.get(touching)), { from: at(590), to: at(600), minutes: 10 });
    });

    test('visits that began up to a day before are found: a 23-hour stay and a day-long dwell time', async () => {
      const v = await venue(60);
      const allDay = await venue(1440);
      const { f0, stayer, lingerer } = await people('f0', 'stayer', 'lingerer');
      await checkIn([
        visit(v, f0, 600, 660), visit(v, stayer, 600 - 23 * 60, 630),
        visit(allDay, f0, 700, 720), visit(allDay, lingerer, 710 - 1440),
      ]);
      const items = byPerson((await trace(await openCase(f0), 0)).items);
      assert.deepEqual(summary(items.get(stayer)), { from: at(600), to: at(630), minutes: 30 });
      assert.deepEqual(summary(items.get(lingerer)), { from: at(700), to: at(710), minutes: 10 });
    });

    test('a visit partly inside the infectious window counts whole; visits outside it or touching it do not', async () => {
      const v1 = await venue();
      const v2 = await venue();
      const v3 = await venue();
      const v4 = await venue();
      const { f0, early, other2, other3, other4 } = await people('f0', 'early', 'other2', 'other3', 'other4');
      await checkIn([
        visit(v1, f0, -60, 60), visit(v1, early, -50, -20), // straddles the start (0): the whole visit is an exposure visit
        visit(v2, f0, -180, -120), visit(v2, other2, -180, -120), // wholly before the window
        visit(v3, f0, -60, 0), visit(v3, other3, -60, 0), // ends exactly where the window starts
        visit(v4, f0, 1440, 1500), visit(v4, other4, 1440, 1500), // starts exactly where it ends
      ]);
      const result = await trace(await openCase(f0, [0, 1440]), 0);
      assert.equal(result.exposureVisits, 1);
      assert.deepEqual(result.items.map(summary), [{ from: at(-50), to: at(-20), minutes: 30 }]);
      assert.equal(result.items[0]!.personId, early);
    });

    test('one item per person and venue: two venues give two items, overlaps at one venue are counted once', async () => {
      const v1 = await venue();
      const v2 = await venue();
      const { f0, both } = await people('f0', 'both');
      await checkIn([
        visit(v1, f0, 600, 660), visit(v1, f0, 630, 690), visit(v1, both, 600, 720), // two scans of the case overlap: 600–690 once
        visit(v1, both, 900, 960), visit(v1, f0, 940, 1000), // a later visit at the same venue adds 20 minutes
        visit(v2, f0, 800, 830), visit(v2, both, 820, 900),
      ]);
      const items = (await trace(await openCase(f0), 0)).items;
      assert.equal(items.length, 2);
      const at1 = items.find((item) => item.venueId === v1);
      const at2 = items.find((item) => item.venueId === v2);
      assert.deepEqual(summary(at1), { from: at(600), to: at(960), minutes: 90 + 20 });
      assert.deepEqual(summary(at2), { from: at(820), to: at(830), minutes: 10 });
    });

    test('the case\'s own visits, and those of records merged into its person, are not exposures', async () => {
      const v = await venue();
      const { f0, duplicate, other } = await people('f0', 'duplicate', 'other');
      await checkIn([visit(v, f0, 600, 660), visit(v, f0, 650, 700), visit(v, duplicate, 610, 640), visit(v, other, 610, 640)]);
      const merged = await t().request('POST', `/api/v1/people/${f0}/merge`, { token: admin(), body: { mergedId: duplicate, reason: 'same person' } });
      assert.equal(merged.status, 200, JSON.stringify(merged.body));
      // A visit still filed under the merged record (e.g. restored from a backup) is the case's own too.
      await t().db.query(`INSERT INTO checkins (id, venue_id, person_id, checked_in_at, checked_out_at, method) VALUES (gen_random_uuid(), $1, $2, $3, $4, 'api')`, [v, duplicate, at(615), at(645)]);
      const items = (await trace(await openCase(f0), 0)).items;
      assert.deepEqual(items.map((item) => item.personId), [other]);
    });
  });
}
