import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildSelfPerson } from '../modules/checkins/factories.js';
import { withTestApp } from '../testing/app.js';
import { engines } from '../testing/databases.js';
import { personSubject } from './rateLimit.js';

describe('the subject of a public request', () => {
  test('a personal code, else a national ID, else the last nine digits of the phone, also inside `person`', () => {
    assert.equal(personSubject({ personCode: 'abc', person: { phone: '0911222333' } }), 'code:abc');
    assert.equal(personSubject({ person: { nationalId: '093090001234', phone: '0911222333' } }), 'id:093090001234');
    // the same phone written two ways is one subject
    assert.equal(personSubject({ person: { phone: '0911 222 333' } }), personSubject({ person: { phone: '+84911222333' } }));
    assert.equal(personSubject({ endpoint: 'x' }), undefined);
    assert.equal(personSubject(null), undefined);
  });
});

for (const engine of engines()) {
  describe(`public rate limits (${engine})`, () => {
    const t = withTestApp(engine);

    test('one phone asking for its personal code more than 10 times a minute gets 429 with Retry-After; another phone at the same address does not', async () => {
      const person = buildSelfPerson();
      const ask = (body: unknown) => t().request('POST', '/api/v1/personal-codes', { body });
      for (let i = 0; i < 10; i++) assert.equal((await ask({ person })).status, 200);
      const limited = await ask({ person });
      assert.equal(limited.status, 429);
      assert.equal(limited.body.error.code, 'rate_limited');
      assert.ok(Number(limited.headers['retry-after']) > 0, JSON.stringify(limited.headers));
      assert.equal((await ask({ person: buildSelfPerson() })).status, 200);
    });

    test('bad input is still answered 400 naming the field, and is not counted against the subject', async () => {
      const response = await t().request('POST', '/api/v1/personal-codes', { body: { person: { ...buildSelfPerson(), birthYear: 'x' } } });
      assert.equal(response.status, 400);
      assert.ok(response.body.error.fields['person.birthYear']);
    });
  });
}
