// After publication: the live event, the public map and history (no sign-in), the previous level
// of the next week, and a publication race answered 409.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { before, describe, test } from 'node:test';
import { engines } from '../../testing/databases.js';
import { withTestApp } from '../../testing/app.js';

interface Unit { code: string; level: string; parentCode: string | null }

/** Opens the SSE stream; once it is connected, `next` resolves with the first event of that type. */
async function listen(url: string, type: string) {
  const abort = new AbortController();
  const response = await fetch(url, { signal: abort.signal, headers: { accept: 'text/event-stream' } });
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /text\/event-stream/);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let connected = () => {};
  const ready = new Promise<void>((resolve) => (connected = resolve));
  const event = (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error('the stream ended');
      buffer += decoder.decode(value, { stream: true });
      if (buffer.includes(': connected')) connected();
      for (const frame of buffer.split('\n\n')) {
        const lines = Object.fromEntries(frame.split('\n').filter((l) => /^(id|event|data): /.test(l)).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)]));
        if (lines.event === type) return { id: Number(lines.id), data: JSON.parse(lines.data!) };
      }
    }
  })().finally(() => abort.abort());
  await ready;
  return { next: event };
}

for (const engine of engines()) {
  describe(`published epidemic levels (${engine})`, () => {
    const t = withTestApp(engine);
    let units: Unit[];
    let province: string;
    const week = (cases: number) => units.map((unit) => unit.level === 'commune'
      ? { code: unit.code, newCommunityCases7d: cases, population: 10_000, adultsFirstDoseShare: 0.85, elderlyFullDoseShare: 0.9, capacityMet: false }
      : { code: unit.code, capacityMet: false });
    const computeWeek = async (name: string, cases: number) => {
      assert.equal((await t().request('PUT', `/api/v1/levels/inputs/${name}`, { token: province, body: { week: name, units: week(cases) } })).status, 200);
      const draft = await t().request('POST', '/api/v1/levels/assessments', { token: province, body: { week: name } });
      assert.equal(draft.status, 201, JSON.stringify(draft.body));
      return draft.body;
    };

    before(async () => {
      units = (await t().request('GET', '/api/v1/units')).body.items;
      province = await t().tokenFor('health_officer', '93');
    });

    test('publishing raises levels.published on the live stream, with each unit\'s level and colour', { timeout: 30_000 }, async () => {
      const draft = await computeWeek('2021-W46', 13); // 130 per 100,000: band 3
      await t().app.listen({ port: 0, host: '127.0.0.1' });
      const port = (t().app.server.address() as AddressInfo).port;
      const stream = await listen(`http://127.0.0.1:${port}/api/v1/events?types=levels.published`, 'levels.published');
      const published = await t().request('POST', `/api/v1/levels/assessments/${draft.id}/publish`, { token: province, body: { effectiveFrom: '2021-11-22' } });
      assert.equal(published.status, 200);
      const { data } = await stream.next;
      assert.equal(data.assessmentId, published.body.id);
      assert.equal(data.week, '2021-W46');
      assert.equal(data.effectiveFrom, '2021-11-22');
      assert.equal(data.units.length, units.length);
      assert.deepEqual(data.units.find((u: { code: string }) => u.code === '93'), { code: '93', level: 3, colour: 'orange' });
    });

    test('the map reads the levels in force on a date without signing in; before the effective date there are none', async () => {
      const current = await t().request('GET', '/api/v1/levels/current?date=2021-11-25');
      assert.equal(current.status, 200);
      assert.equal(current.body.items.length, units.length);
      const top = current.body.items.find((item: { unitCode: string }) => item.unitCode === '93');
      assert.deepEqual({ level: top.level, colour: top.colour, week: top.week, effectiveFrom: top.effectiveFrom }, { level: 3, colour: 'orange', week: '2021-W46', effectiveFrom: '2021-11-22' });
      assert.equal((await t().request('GET', '/api/v1/levels/current?date=2021-11-21')).body.items.length, 0);
      assert.equal((await t().request('GET', '/api/v1/levels/current?date=yesterday')).status, 400);
    });

    test('the next week\'s draft takes the published level as the previous one: with capacity unmet it does not go down', async () => {
      const next = await computeWeek('2021-W47', 1); // 10 per 100,000: band 1
      const top = next.results.find((r: { unitCode: string }) => r.unitCode === '93');
      assert.equal(top.computedLevel, 3);
      assert.equal(top.basis.previousLevel, 3);
      assert.ok(top.reasons.some((r: { code: string }) => r.code === 'no_downgrade'));
    });

    test('each unit\'s history is public, newest first; an unknown unit is 404', async () => {
      const second = (await t().request('GET', '/api/v1/levels/assessments?week=2021-W47&status=draft', { token: province })).body.items[0];
      assert.equal((await t().request('POST', `/api/v1/levels/assessments/${second.id}/publish`, { token: province, body: { effectiveFrom: '2021-11-29' } })).status, 200);
      const history = await t().request('GET', '/api/v1/levels/units/930/history');
      assert.equal(history.status, 200);
      assert.deepEqual(history.body.items.map((h: { week: string }) => h.week), ['2021-W47', '2021-W46']);
      assert.equal((await t().request('GET', '/api/v1/levels/units/99/history')).status, 404);
    });

    test('two publications of one draft at the same moment: one succeeds, the other answers 409', async () => {
      const draft = await computeWeek('2021-W48', 2);
      const attempts = await Promise.all([0, 1].map(() => t().request('POST', `/api/v1/levels/assessments/${draft.id}/publish`, { token: province, body: { effectiveFrom: '2021-12-06' } })));
      assert.deepEqual(attempts.map((a) => a.status).sort(), [200, 409]);
    });
  });
}
