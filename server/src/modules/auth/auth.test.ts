import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ADMIN_PASSWORD, STAFF_PASSWORD, withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';
import { createTokenSigner } from '../../platform/tokens.js';

for (const engine of engines()) {
  describe(`sign-in and tokens (${engine})`, () => {
    const t = withTestApp(engine, { VIGIL_LOGIN_MAX_FAILURES: '3' });

    test('login answers a token and the user', async () => {
      const { status, body } = await t().request('POST', '/api/v1/auth/login', { body: { username: 'admin', password: ADMIN_PASSWORD } });
      assert.equal(status, 200);
      assert.equal(typeof body.token, 'string');
      assert.equal(body.user.username, 'admin');
      assert.equal(body.user.role, 'admin');
      assert.ok(body.user.permissions.includes('users:manage'));
      assert.equal(body.user.password_hash, undefined);
    });

    test('a missing field answers 400 naming it', async () => {
      const { status, body } = await t().request('POST', '/api/v1/auth/login', { body: { username: 'admin' } });
      assert.equal(status, 400);
      assert.equal(body.error.code, 'validation_failed');
      assert.ok(body.error.fields.password);
    });

    test('a wrong password answers 401', async () => {
      const { status, body } = await t().request('POST', '/api/v1/auth/login', { body: { username: 'admin', password: 'not the password' } });
      assert.equal(status, 401);
      assert.equal(body.error.code, 'unauthorized');
    });

    test('repeated failures for one user name answer 429 with Retry-After, even with the right password', async () => {
      const token = await t().tokenFor('viewer', '93');
      const me = await t().request('GET', '/api/v1/auth/me', { token });
      const name = me.body.user.username;
      for (let i = 0; i < 3; i++) {
        assert.equal((await t().request('POST', '/api/v1/auth/login', { body: { username: name, password: 'wrong password' } })).status, 401);
      }
      const blocked = await t().request('POST', '/api/v1/auth/login', { body: { username: name, password: STAFF_PASSWORD } });
      assert.equal(blocked.status, 429);
      assert.equal(blocked.body.error.code, 'rate_limited');
      assert.ok(Number(blocked.headers['retry-after']) > 0);
    });

    test('protected routes answer 401 without a token, with a forged one, and with an expired one', async () => {
      assert.equal((await t().request('GET', '/api/v1/people')).status, 401);
      const forged = `${t().adminToken.slice(0, -4)}AAAA`;
      assert.equal((await t().request('GET', '/api/v1/people', { token: forged })).status, 401);
      const expiredSigner = await createTokenSigner(t().db, -60);
      const me = await t().request('GET', '/api/v1/auth/me', { token: t().adminToken });
      const expired = await expiredSigner.sign(me.body.user.id);
      const response = await t().request('GET', '/api/v1/people', { token: expired });
      assert.equal(response.status, 401);
      assert.match(response.body.error.message, /expired/);
    });

    test('a token accepted a moment ago (and remembered as verified) is refused once it expires', async () => {
      const me = await t().request('GET', '/api/v1/auth/me', { token: t().adminToken });
      const shortLived = await (await createTokenSigner(t().db, 1)).sign(me.body.user.id);
      const used = await t().request('GET', '/api/v1/auth/me', { token: shortLived });
      if (used.status === 200) await new Promise((resolve) => setTimeout(resolve, 1100));
      assert.equal((await t().request('GET', '/api/v1/auth/me', { token: shortLived })).status, 401);
    });

    test('a disabled account is refused even with a valid token', async () => {
      const token = await t().tokenFor('tracer', '930');
      const me = await t().request('GET', '/api/v1/auth/me', { token });
      await t().db.query('UPDATE users SET disabled = true WHERE id = $1', [me.body.user.id]);
      assert.equal((await t().request('GET', '/api/v1/auth/me', { token })).status, 401);
    });
  });
}
