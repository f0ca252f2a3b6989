// Sampling sessions over HTTP on both engines: planning with pool caps from the configuration,
// reading with counts, scope, closing. And the configuration itself.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';
import { loadTestingConfig } from './config.js';
import { buildSession } from './factories.js';

describe('pool caps configuration', () => {
  test('defaults: 10 mixed RT-PCR, 15 of one household, 5 high-risk, 1 rapid antigen', () => {
    assert.deepEqual(loadTestingConfig({}).poolCaps, { rtPcr: 10, household: 15, highRisk: 5, rapidAntigen: 1 });
    assert.deepEqual(loadTestingConfig({ VIGIL_POOL_CAP_RT_PCR: '8', VIGIL_POOL_CAP_RAPID_ANTIGEN: '4' }).poolCaps, { rtPcr: 8, household: 15, highRisk: 5, rapidAntigen: 4 });
  });

  test('a bad cap stops the start with the key named', () => {
    for (const [key, value] of [['VIGIL_POOL_CAP_RT_PCR', '0'], ['VIGIL_POOL_CAP_HOUSEHOLD', '65'], ['VIGIL_POOL_CAP_HIGH_RISK', 'five'], ['VIGIL_POOL_CAP_RAPID_ANTIGEN', '1.5']] as const) {
      assert.throws(() => loadTestingConfig({ [key]: value }), new RegExp(`${key} must be a whole number from 1 to 64`));
    }
  });
});

for (const engine of engines()) {
  describe(`testing sessions (${engine})`, () => {
    const t = withTestApp(engine);
    const create = (body: unknown, token = t().adminToken) => t().request('POST', '/api/v1/testing/sessions', { token, body });

    test('bad input names the field', async () => {
      const cases: [Record<string, unknown>, string, RegExp][] = [
        [{ name: undefined }, 'name', /required/],
        [{ communeCode: '31321', mode: 'sometimes' }, 'mode', /./],
        [{ communeCode: '99999' }, 'communeCode', /unknown unit/],
        [{ communeCode: '93000' }, 'communeCode', /./],
        [{ endsAt: new Date(Date.now() - 7200_000).toISOString() }, 'endsAt', /after startsAt/],
        [{ mode: 'pooled', pooling: undefined }, 'pooling', /required for pooled/],
        [{ mode: 'individual', pooling: 'lab_aliquot' }, 'pooling', /pooled and representative/],
        [{ poolCap: 11 }, 'poolCap', /at most 10/],
        [{ highRisk: true, poolCap: 6 }, 'poolCap', /at most 5 .*high-risk/],
        [{ mode: 'individual', poolCap: 2 }, 'poolCap', /at most 1/],
        [{ mode: 'household_representative', poolCap: 16 }, 'poolCap', /at most 15/],
        [{ testType: 'rapid_antigen' }, 'mode', /not pooled/],
        [{ mode: 'organisation_representative' }, 'organisationId', /required/],
        [{ organisationId: '00000000-0000-4000-8000-000000000000' }, 'organisationId', /no such organisation/],
        [{ placeId: '00000000-0000-4000-8000-000000000000' }, 'placeId', /no such place/],
        [{ team: [''] }, 'team[0]', /./],
        [{ extra: 1 }, 'extra', /not a known field/],
      ];
      for (const [overrides, field, reason] of cases) {
        const response = await create(buildSession(overrides));
        assert.equal(response.status, 400, `${JSON.stringify(overrides)} → ${JSON.stringify(response.body)}`);
        assert.match(response.body.error.fields[field] ?? '', reason, `${field}: ${JSON.stringify(response.body.error.fields)}`);
      }
    });

    test('poolCap defaults from the configured caps by mode, test type and risk', async () => {
      const capOf = async (overrides: Record<string, unknown>) => {
        const response = await create(buildSession(overrides));
        assert.equal(response.status, 201, JSON.stringify(response.body));
        return response.body.poolCap as number;
      };
      assert.equal(await capOf({ mode: 'individual' }), 1);
      assert.equal(await capOf({ mode: 'pooled' }), 10);
      assert.equal(await capOf({ mode: 'pooled', highRisk: true }), 5);
      assert.equal(await capOf({ mode: 'household_representative' }), 15);
      assert.equal(await capOf({ mode: 'household_representative', highRisk: true }), 5);
      assert.equal(await capOf({ mode: 'household_representative', testType: 'rapid_antigen' }), 1);
      assert.equal(await capOf({ mode: 'pooled', poolCap: 4 }), 4);
    });

    test('created, read with counts, listed with filters, closed', async () => {
      const created = await create(buildSession({ name: 'Chợ Vị Thanh', team: ['Tổ 1', 'Tổ 2'], mode: 'pooled', pooling: 'collection_swab' }));
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.body.status, 'open');
      assert.deepEqual(created.body.team, ['Tổ 1', 'Tổ 2']);
      assert.equal(created.body.pooling, 'collection_swab');
      const id = created.body.id as string;

      const one = await t().request('GET', `/api/v1/testing/sessions/${id}`, { token: t().adminToken });
      assert.equal(one.status, 200);
      assert.deepEqual(one.body.counts, { tubes: { planned: 0, collecting: 0, sealed: 0, received: 0, resulted: 0 }, peopleSampled: 0, peopleRepresented: 0, householdsNeedingSecondRepresentative: [] });

      const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
      const listed = await t().request('GET', `/api/v1/testing/sessions?communeCode=31321&status=open&date=${today}&limit=500`, { token: t().adminToken });
      assert.equal(listed.status, 200);
      assert.ok(listed.body.items.some((s: { id: string }) => s.id === id));
      const otherDay = await t().request('GET', '/api/v1/testing/sessions?date=2020-01-01', { token: t().adminToken });
      assert.equal(otherDay.body.total, 0);

      const badPatch = await t().request('PATCH', `/api/v1/testing/sessions/${id}`, { token: t().adminToken, body: { endsAt: new Date(Date.now() - 86_400_000).toISOString() } });
      assert.equal(badPatch.status, 400);
      assert.ok(badPatch.body.error.fields.endsAt);
      const closed = await t().request('PATCH', `/api/v1/testing/sessions/${id}`, { token: t().adminToken, body: { status: 'closed', team: ['Tổ 3'] } });
      assert.equal(closed.status, 200, JSON.stringify(closed.body));
      assert.equal(closed.body.status, 'closed');
      assert.deepEqual(closed.body.team, ['Tổ 3']);
      const closedList = await t().request('GET', '/api/v1/testing/sessions?status=closed', { token: t().adminToken });
      assert.ok(closedList.body.items.some((s: { id: string }) => s.id === id));
    });

    test('permissions and scope: managers plan, collectors and readers read, other communes see nothing', async () => {
      const officer = await t().tokenFor('health_officer', '31321');
      const neighbour = await t().tokenFor('health_officer', '31318');
      const lab = await t().tokenFor('lab_technician', '31321');
      const vaccinator = await t().tokenFor('vaccinator', '31321');

      assert.equal((await create(buildSession(), lab)).status, 403);
      const outside = await create(buildSession({ communeCode: '31318' }), officer);
      assert.equal(outside.status, 400);
      assert.match(outside.body.error.fields.communeCode, /outside your scope/);

      const mine = await create(buildSession(), officer);
      assert.equal(mine.status, 201);
      const id = mine.body.id as string;
      assert.equal((await t().request('GET', `/api/v1/testing/sessions/${id}`, { token: lab })).status, 200);
      assert.equal((await t().request('GET', `/api/v1/testing/sessions/${id}`, { token: vaccinator })).status, 403);
      assert.equal((await t().request('GET', `/api/v1/testing/sessions/${id}`, { token: neighbour })).status, 404);
      assert.equal((await t().request('PATCH', `/api/v1/testing/sessions/${id}`, { token: neighbour, body: { status: 'closed' } })).status, 404);
      const neighbourList = await t().request('GET', '/api/v1/testing/sessions?limit=500', { token: neighbour });
      assert.ok(!neighbourList.body.items.some((s: { id: string }) => s.id === id));
      assert.equal((await t().request('GET', '/api/v1/testing/sessions')).status, 401);
    });
  });
}
