import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';

for (const engine of engines()) {
  describe(`administrative units (${engine})`, () => {
    const t = withTestApp(engine);

    test('Hậu Giang ships as seed data: 1 province, 8 districts, 75 communes', async () => {
      const counts: Record<string, number> = {};
      for (const level of ['province', 'district', 'commune']) {
        const { status, body } = await t().request('GET', `/api/v1/units?level=${level}`);
        assert.equal(status, 200);
        counts[level] = body.items.length;
      }
      assert.deepEqual(counts, { province: 1, district: 8, commune: 75 });
    });

    test('?parent lists the children of one unit with their parent codes', async () => {
      const { body } = await t().request('GET', '/api/v1/units?parent=930');
      assert.ok(body.items.length > 0);
      assert.ok(body.items.every((unit: { parentCode: string; level: string }) => unit.parentCode === '930' && unit.level === 'commune'));
    });

    test('GET /units/{code} gives one unit with its known population', async () => {
      const { status, body } = await t().request('GET', '/api/v1/units/93');
      assert.equal(status, 200);
      assert.equal(body.name, 'Tỉnh Hậu Giang');
      assert.equal(body.level, 'province');
      assert.equal(body.population, 733017);
      assert.equal(body.geometry, undefined);
    });

    test('an unknown code answers 404 and a malformed one 400 naming the field', async () => {
      assert.equal((await t().request('GET', '/api/v1/units/99')).status, 404);
      const bad = await t().request('GET', '/api/v1/units/abc');
      assert.equal(bad.status, 400);
      assert.ok(bad.body.error.fields.code);
      const badLevel = await t().request('GET', '/api/v1/units?level=hamlet');
      assert.equal(badLevel.status, 400);
      assert.ok(badLevel.body.error.fields.level);
    });

    test('?geometry=1 gives null until a boundary is imported', async () => {
      const { body } = await t().request('GET', '/api/v1/units/931?geometry=1');
      assert.equal(body.hasBoundary, false);
      assert.equal(body.geometry, null);
    });

    test('a health officer sets a population inside their scope, audited with before and after', async () => {
      const token = await t().tokenFor('health_officer', '930');
      const [commune] = (await t().request('GET', '/api/v1/units?parent=930')).body.items;
      const { status, body } = await t().request('PATCH', `/api/v1/units/${commune.code}`, { token, body: { population: 12345, populationYear: 2021, populationSource: 'commune census' } });
      assert.equal(status, 200);
      assert.equal(body.population, 12345);
      const audit = await t().request('GET', `/api/v1/audit?entity=unit&entityId=${commune.code}`, { token: t().adminToken });
      assert.equal(audit.body.items[0].action, 'update');
      assert.deepEqual(audit.body.items[0].changes.population, { before: commune.population, after: 12345 });
    });

    test('population edits: outside scope 404, without permission 403, without token 401, bad value 400', async () => {
      const officer = await t().tokenFor('health_officer', '930');
      const otherDistrictCommune = (await t().request('GET', '/api/v1/units?parent=934')).body.items[0].code;
      const body = { population: 100, populationYear: 2021 };
      assert.equal((await t().request('PATCH', `/api/v1/units/${otherDistrictCommune}`, { token: officer, body })).status, 404);
      const viewer = await t().tokenFor('viewer', '93');
      assert.equal((await t().request('PATCH', `/api/v1/units/${otherDistrictCommune}`, { token: viewer, body })).status, 403);
      assert.equal((await t().request('PATCH', `/api/v1/units/${otherDistrictCommune}`, { body })).status, 401);
      const negative = await t().request('PATCH', '/api/v1/units/930', { token: t().adminToken, body: { population: -5, populationYear: 2021 } });
      assert.equal(negative.status, 400);
      assert.ok(negative.body.error.fields.population);
    });
  });
}
