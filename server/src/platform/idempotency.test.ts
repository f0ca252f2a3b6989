import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { withTestApp } from '../testing/app.js';
import { engines } from '../testing/databases.js';
import { buildPerson } from '../testing/factories.js';

for (const engine of engines()) {
  describe(`Idempotency-Key on writes (${engine})`, () => {
    const t = withTestApp(engine);
    const post = (key: string, body: unknown) =>
      t().app.inject({ method: 'POST', url: '/api/v1/people', headers: { authorization: `Bearer ${t().adminToken}`, 'idempotency-key': key }, payload: body as object });

    test('a retried POST with the same key answers the first response and creates one record', async () => {
      const body = buildPerson({ nationalId: null, fullName: 'Người Thử Lại' });
      const first = await post('retry-1', body);
      const second = await post('retry-1', body);
      assert.equal(first.statusCode, 201);
      assert.equal(second.statusCode, 201);
      assert.equal(second.headers['idempotent-replayed'], 'true');
      assert.equal(second.json().id, first.json().id);
      const search = await t().request('GET', '/api/v1/people?q=nguoi%20thu%20lai', { token: t().adminToken });
      assert.equal(search.body.total, 1);
    });

    test('the same key with a different body answers 422', async () => {
      await post('retry-2', buildPerson({ nationalId: null }));
      const other = await post('retry-2', buildPerson({ nationalId: null }));
      assert.equal(other.statusCode, 422);
    });

    test('a validation error is remembered too, and without a key nothing is remembered', async () => {
      const bad = buildPerson({ nationalId: '123' });
      assert.equal((await post('retry-3', bad)).statusCode, 400);
      assert.equal((await post('retry-3', bad)).headers['idempotent-replayed'], 'true');
      const body = buildPerson({ nationalId: null, fullName: 'Không Có Khóa' });
      await t().request('POST', '/api/v1/people', { token: t().adminToken, body });
      await t().request('POST', '/api/v1/people', { token: t().adminToken, body });
      assert.equal((await t().request('GET', '/api/v1/people?q=khong%20co%20khoa', { token: t().adminToken })).body.total, 2);
    });
  });
}
