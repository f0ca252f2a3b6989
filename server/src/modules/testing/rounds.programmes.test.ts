// Testing programmes over HTTP: validation, permissions, scope, changes and ending.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';
import { HOUR, roundsKit } from './rounds.testkit.js';

const at = (offsetHours: number) => new Date(Date.now() + offsetHours * HOUR).toISOString();

for (const engine of engines()) {
  describe(`testing programmes (${engine})`, () => {
    const t = withTestApp(engine);
    const kit = roundsKit(t);

    test('without a token 401; without testing:manage 403; a tracer reads but does not create', async () => {
      const body = { name: 'Khu phố 3', communeCode: '31321', startsAt: at(-1) };
      assert.equal((await t().request('POST', '/api/v1/testing/programmes', { body })).status, 401);
      assert.equal((await kit.createProgramme(body, await t().tokenFor('viewer', '93'))).status, 403);
      const tracer = await t().tokenFor('tracer', '930');
      assert.equal((await kit.createProgramme(body, tracer)).status, 403);
      assert.equal((await t().request('GET', '/api/v1/testing/programmes', { token: tracer })).status, 200);
      assert.equal((await t().request('GET', '/api/v1/testing/programmes', { token: await t().tokenFor('viewer', '93') })).status, 403);
    });

    test('bad input answers 400 naming the field', async () => {
      const organisationId = await kit.organisation([]);
      const base = { name: 'Pháo đài xanh', startsAt: at(-1) };
      const cases: [Record<string, unknown>, string, RegExp][] = [
        [{ ...base }, 'organisationId', /give organisationId .* or communeCode/],
        [{ ...base, organisationId, communeCode: '31321' }, 'communeCode', /not both/],
        [{ ...base, organisationId: randomUUID() }, 'organisationId', /no such organisation/],
        [{ ...base, communeCode: '31321', teams: ['Tổ 1'] }, 'teams', /only for an organisation/],
        [{ ...base, communeCode: '93000' }, 'communeCode', /unknown unit/],
        [{ ...base, organisationId, minAge: 60, maxAge: 18 }, 'maxAge', /must not be below minAge/],
        [{ ...base, organisationId, endsAt: at(-2) }, 'endsAt', /after startsAt/],
        [{ ...base, organisationId, intervalHours: 0 }, 'intervalHours', /./],
        [{ ...base, organisationId, coverageTarget: 1.5 }, 'coverageTarget', /./],
        [{ ...base, organisationId, teams: [] }, 'teams', /./],
        [{ ...base, organisationId, startsAt: 'tomorrow' }, 'startsAt', /./],
      ];
      for (const [body, field, reason] of cases) {
        const response = await kit.createProgramme(body);
        assert.equal(response.status, 400, `${field}: ${JSON.stringify(response.body)}`);
        assert.match(response.body.error.fields[field] ?? '', reason, `${field}: ${JSON.stringify(response.body.error.fields)}`);
      }
    });

    test('an organisation\'s programme: defaults, the organisation\'s commune as scope, round 1 open, green status pending; audited', async () => {
      const organisationId = await kit.organisation([{ personId: await kit.person(), team: 'Tổ A' }], '31324');
      const created = await kit.programme({ organisationId, teams: ['Tổ A'], startsAt: at(-1) });
      assert.deepEqual(
        [created.kind, created.communeCode, created.intervalHours, created.coverageTarget, created.status, created.endsAt, created.teams],
        ['organisation', '31324', 72, 1, 'active', null, ['Tổ A']],
      );
      assert.equal(created.currentRound?.number, 1);
      assert.equal(Date.parse(created.currentRound.closesAt) - Date.parse(created.currentRound.opensAt), 72 * HOUR);
      assert.deepEqual(created.greenStatus, { status: 'pending', closedRounds: 0, failedRoundCount: 0, failedRounds: [], pendingRounds: [] });
      const [entry] = await t().db.query<{ action: string }>(`SELECT action FROM audit_log WHERE entity = 'testing_programme' AND entity_id = $1`, [created.id]);
      assert.equal(entry?.action, 'create');
      const read = await kit.expect(t().request('GET', `/api/v1/testing/programmes/${created.id}`, { token: t().adminToken }), 200);
      assert.deepEqual(read, created);
    });

    test('an area\'s programme starting tomorrow has no current round; its coverage target keeps three decimals', async () => {
      const created = await kit.programme({ communeCode: '31327', startsAt: at(24), intervalHours: 48, coverageTarget: 0.95, minAge: 18, maxAge: 65 });
      assert.deepEqual([created.kind, created.organisationId, created.currentRound, created.coverageTarget, created.minAge, created.maxAge], ['area', null, null, 0.95, 18, 65]);
    });

    test('scope: a district officer sees and changes programmes of their district only (404 outside), and plans only for what they see', async () => {
      const inside = await kit.programme({ communeCode: '31321', startsAt: at(-1) });
      const outside = await kit.programme({ communeCode: '31393', startsAt: at(-1) });
      const officer = await t().tokenFor('health_officer', '930');
      assert.equal((await t().request('GET', `/api/v1/testing/programmes/${inside.id}`, { token: officer })).status, 200);
      assert.equal((await t().request('GET', `/api/v1/testing/programmes/${outside.id}`, { token: officer })).status, 404);
      assert.equal((await t().request('PATCH', `/api/v1/testing/programmes/${outside.id}`, { token: officer, body: { name: 'x' } })).status, 404);
      assert.equal((await t().request('GET', `/api/v1/testing/programmes/${outside.id}/rounds`, { token: officer })).status, 404);
      const list = await kit.expect(t().request('GET', '/api/v1/testing/programmes?limit=500', { token: officer }), 200);
      const ids = list.items.map((item: { id: string }) => item.id);
      assert.ok(ids.includes(inside.id) && !ids.includes(outside.id));
      const farOrganisation = await kit.organisation([], '31393');
      const refused = await kit.createProgramme({ name: 'x', organisationId: farOrganisation, startsAt: at(-1) }, officer);
      assert.match(refused.body.error.fields.organisationId, /no such organisation/);
      const area = await kit.createProgramme({ name: 'x', communeCode: '31393', startsAt: at(-1) }, officer);
      assert.match(area.body.error.fields.communeCode, /outside your scope/);
    });

    test('timing is fixed once round 1 opened (409 naming the field); before that it may change', async () => {
      const started = await kit.programme({ communeCode: '31330', startsAt: at(-1) });
      const refused = await t().request('PATCH', `/api/v1/testing/programmes/${started.id}`, { token: t().adminToken, body: { intervalHours: 24, startsAt: at(-2) } });
      assert.equal(refused.status, 409);
      assert.deepEqual(Object.keys(refused.body.error.fields).sort(), ['intervalHours', 'startsAt']);
      const later = await kit.programme({ communeCode: '31330', startsAt: at(10) });
      const changed = await kit.expect(t().request('PATCH', `/api/v1/testing/programmes/${later.id}`, { token: t().adminToken, body: { intervalHours: 24, coverageTarget: 0.9 } }), 200);
      assert.deepEqual([changed.intervalHours, changed.coverageTarget], [24, 0.9]);
      const bad = await t().request('PATCH', `/api/v1/testing/programmes/${later.id}`, { token: t().adminToken, body: { endsAt: at(5) } });
      assert.match(bad.body.error.fields.endsAt, /after startsAt/);
      assert.equal((await t().request('PATCH', `/api/v1/testing/programmes/${later.id}`, { token: t().adminToken, body: {} })).status, 400);
      const [entry] = await t().db.query<{ changes: Record<string, unknown> }>(
        `SELECT changes FROM audit_log WHERE entity = 'testing_programme' AND action = 'update' AND entity_id = $1`, [later.id],
      );
      assert.deepEqual(Object.keys(entry!.changes).sort(), ['coverageTarget', 'intervalHours']);
    });

    test('ending: the open round completes, no further round opens; ended before round 1, there is none', async () => {
      const running = await kit.programme({ communeCode: '31333', startsAt: at(-100), intervalHours: 72 });
      const ended = await kit.expect(t().request('PATCH', `/api/v1/testing/programmes/${running.id}`, { token: t().adminToken, body: { status: 'ended' } }), 200);
      assert.equal(ended.status, 'ended');
      assert.ok(Math.abs(new Date(ended.endsAt).getTime() - Date.now()) < 60_000);
      assert.equal(ended.currentRound.number, 2);
      const page = await kit.rounds(running.id);
      assert.deepEqual(page.items.map((round: { number: number; state: string }) => [round.number, round.state]), [[2, 'open'], [1, 'closed']]);
      const notYet = await kit.programme({ communeCode: '31333', startsAt: at(5) });
      const cancelled = await kit.expect(t().request('PATCH', `/api/v1/testing/programmes/${notYet.id}`, { token: t().adminToken, body: { status: 'ended' } }), 200);
      assert.equal(cancelled.endsAt, notYet.startsAt);
      assert.equal((await kit.rounds(notYet.id)).total, 0);
    });

    test('the list filters by status, kind, organisation and area', async () => {
      const organisationId = await kit.organisation([], '31336');
      const a = await kit.programme({ organisationId, startsAt: at(-1) });
      const b = await kit.programme({ communeCode: '31336', startsAt: at(-1) });
      await kit.expect(t().request('PATCH', `/api/v1/testing/programmes/${b.id}`, { token: t().adminToken, body: { status: 'ended' } }), 200);
      const list = async (query: string) =>
        (await kit.expect(t().request('GET', `/api/v1/testing/programmes?communeCode=31336&${query}`, { token: t().adminToken }), 200)).items.map((item: { id: string }) => item.id);
      assert.deepEqual(await list('status=active'), [a.id]);
      assert.deepEqual(await list('status=ended'), [b.id]);
      assert.deepEqual(await list('kind=area'), [b.id]);
      assert.deepEqual(await list(`organisationId=${organisationId}`), [a.id]);
      assert.equal((await t().request('GET', '/api/v1/testing/programmes?greenStatus=blue', { token: t().adminToken })).status, 400);
    });
  });
}
