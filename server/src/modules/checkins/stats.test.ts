import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';
import { buildPerson } from '../../testing/factories.js';
import { todayInVietnam } from '../open/time.js';
import { buildCheckin, buildSelfPerson, buildVenue, codeOfUrl } from './factories.js';

for (const engine of engines()) {
  describe(`check-in statistics (${engine})`, () => {
    const t = withTestApp(engine);

    test('figures are computed from the records: per day, commune, venue and checkpoint, and only inside the reader\'s scope', async () => {
      const admin = t().adminToken;
      const venue = async (overrides: Record<string, unknown>) => (await t().request('POST', '/api/v1/venues', { token: admin, body: buildVenue(overrides) })).body as { id: string; qrUrl: string };
      const market = await venue({ name: 'Chợ Phụng Hiệp', communeCode: '31393', location: { lat: 9.79, lon: 105.72 } });
      const quiet = await venue({ name: 'Văn phòng ấp', kind: 'office', communeCode: '31393', location: { lat: 9.791, lon: 105.721 } });
      const checkpoint = await venue({ name: 'Chốt Cái Tắc', kind: 'entry_checkpoint', communeCode: '31393', location: { lat: 9.792, lon: 105.722 } });
      const people = await Promise.all([1, 2, 3].map(async () => (await t().request('POST', '/api/v1/people', { token: admin, body: buildPerson() })).body.id as string));
      const items = [
        buildCheckin(market.id, people[0]!, 30), buildCheckin(market.id, people[1]!, 40), buildCheckin(market.id, people[0]!, 24 * 60 + 30),
        buildCheckin(checkpoint.id, people[2]!, 20),
      ];
      assert.equal((await t().request('POST', '/api/v1/checkins/batch', { token: admin, body: { items } })).status, 200);
      await t().request('POST', '/api/v1/declarations', { body: {
        id: randomUUID(), person: buildSelfPerson(), kind: 'entry', venueCode: codeOfUrl(checkpoint.qrUrl), symptoms: ['fever'], contactWithCase: false,
        vaccination: 'full', entry: { direction: 'in', origin: 'Cần Thơ', destination: 'Phụng Hiệp', vehicle: 'motorbike' },
      } });

      const officer = await t().tokenFor('health_officer', '934');
      const today = todayInVietnam();
      const { status, body } = await t().request('GET', `/api/v1/checkins/stats?to=${today}`, { token: officer });
      assert.equal(status, 200);
      assert.deepEqual(body.venues, { registered: 3, active: 3, activeInPeriod: 2 });
      assert.equal(body.scans.total, 4);
      assert.equal(body.scans.allTime, 4);
      assert.equal(body.days.length, 14);
      assert.equal(body.days.reduce((sum: number, d: { scans: number }) => sum + d.scans, 0), 4);
      assert.deepEqual(body.topVenues[0], { id: market.id, name: 'Chợ Phụng Hiệp', kind: 'market', communeName: body.communes[0].name, scans: 3 });
      assert.deepEqual(body.communes.map((c: { code: string; venues: number; activeVenues: number }) => [c.code, c.venues, c.activeVenues]), [['31393', 3, 2]]);
      assert.deepEqual(body.checkpoints, [{ id: checkpoint.id, name: 'Chốt Cái Tắc', scans: 1, declarations: 1, flagged: 1 }]);
      assert.ok(!body.topVenues.some((v: { id: string }) => v.id === quiet.id));

      const elsewhere = await t().request('GET', '/api/v1/checkins/stats', { token: await t().tokenFor('health_officer', '930') });
      assert.equal(elsewhere.body.scans.total, 0);
      assert.equal((await t().request('GET', '/api/v1/checkins/stats?unitCode=934', { token: await t().tokenFor('health_officer', '930') })).status, 404);
      const viewer = await t().request('GET', '/api/v1/checkins/stats?unitCode=934', { token: await t().tokenFor('viewer', '934') });
      assert.equal(viewer.body.checkpoints[0].declarations, null);
      assert.equal((await t().request('GET', `/api/v1/checkins/stats?from=${today}&to=2021-01-01`, { token: officer })).body.error.fields.from, 'is after to');
    });
  });
}
