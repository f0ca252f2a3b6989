import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ROLES } from '../../platform/roles.js';
import { withTestApp } from '../../testing/app.js';
import { engines, testDatabase } from '../../testing/databases.js';
import { verifyPassword } from '../../platform/password.js';
import { findByUsername } from './repository.js';
import { ensureAdmin } from './service.js';

for (const engine of engines()) {
  describe(`users and roles (${engine})`, () => {
    const t = withTestApp(engine);
    const body = (overrides: Record<string, unknown> = {}) => ({ username: `user-${Math.random().toString(36).slice(2, 10)}`, password: 'a long enough password', role: 'tracer', unitCode: '930', ...overrides });

    test('the admin creates a user of every role, scoped to a unit, who can then sign in', async () => {
      for (const role of ROLES) {
        const created = await t().request('POST', '/api/v1/users', { token: t().adminToken, body: body({ role }) });
        assert.equal(created.status, 201, JSON.stringify(created.body));
        assert.equal(created.body.role, role);
        assert.equal(created.body.unitCode, '930');
      }
      const user = body();
      await t().request('POST', '/api/v1/users', { token: t().adminToken, body: user });
      const login = await t().request('POST', '/api/v1/auth/login', { body: { username: user.username, password: user.password } });
      assert.equal(login.status, 200);
      assert.equal(login.body.user.unitCode, '930');
    });

    test('a taken user name answers 409; an unknown role or unit, or a short password, 400 naming the field', async () => {
      const user = body();
      assert.equal((await t().request('POST', '/api/v1/users', { token: t().adminToken, body: user })).status, 201);
      const taken = await t().request('POST', '/api/v1/users', { token: t().adminToken, body: user });
      assert.equal(taken.status, 409);
      assert.ok(taken.body.error.fields.username);
      const role = await t().request('POST', '/api/v1/users', { token: t().adminToken, body: body({ role: 'superuser' }) });
      assert.equal(role.status, 400);
      assert.ok(role.body.error.fields.role);
      const unit = await t().request('POST', '/api/v1/users', { token: t().adminToken, body: body({ unitCode: '99999' }) });
      assert.equal(unit.status, 400);
      assert.match(unit.body.error.fields.unitCode, /unknown/);
      const short = await t().request('POST', '/api/v1/users', { token: t().adminToken, body: body({ password: 'short' }) });
      assert.ok(short.body.error.fields.password);
    });

    test('only administrators manage users; a district administrator only inside the district', async () => {
      const officer = await t().tokenFor('health_officer', '93');
      assert.equal((await t().request('POST', '/api/v1/users', { token: officer, body: body() })).status, 403);
      const districtAdmin = await t().tokenFor('admin', '934');
      const outside = await t().request('POST', '/api/v1/users', { token: districtAdmin, body: body({ unitCode: '930' }) });
      assert.equal(outside.status, 400);
      assert.match(outside.body.error.fields.unitCode, /outside your scope/);
      assert.equal((await t().request('POST', '/api/v1/users', { token: districtAdmin, body: body({ unitCode: '934' }) })).status, 201);
      const list = await t().request('GET', '/api/v1/users', { token: districtAdmin });
      assert.ok(list.body.items.every((user: { unitCode: string }) => user.unitCode === '934' || user.unitCode.length === 5));
    });

    test('user creation is audited without the password', async () => {
      const created = await t().request('POST', '/api/v1/users', { token: t().adminToken, body: body() });
      const audit = await t().request('GET', `/api/v1/audit?entity=user&entityId=${created.body.id}`, { token: t().adminToken });
      assert.equal(audit.body.items[0].action, 'create');
      assert.equal(audit.body.items[0].actorUsername, 'admin');
      assert.ok(!JSON.stringify(audit.body.items[0]).includes('a long enough password'));
    });
  });
}

for (const engine of engines()) {
  describe(`first start (${engine})`, () => {
    test('an empty database gets `admin` with a generated password, returned once; later starts create nothing', async () => {
      const database = await testDatabase(engine);
      try {
        const first = await ensureAdmin(database.db, undefined);
        assert.equal(first.created, true);
        assert.ok(first.generatedPassword && first.generatedPassword.length >= 12);
        const admin = await findByUsername(database.db, 'admin');
        assert.equal(admin?.role, 'admin');
        assert.equal(admin?.unit_code, null);
        assert.ok(await verifyPassword(first.generatedPassword, admin.password_hash));
        assert.deepEqual(await ensureAdmin(database.db, 'another password'), { created: false, generatedPassword: null });
      } finally {
        await database.drop();
      }
    });
  });
}

for (const engine of engines()) {
  describe(`account changes (${engine})`, () => {
    const t = withTestApp(engine);

    test('a user changes their own password with the current one; the old one stops working', async () => {
      const username = `pw-${Math.random().toString(36).slice(2, 9)}`;
      await t().request('POST', '/api/v1/users', { token: t().adminToken, body: { username, password: 'first password 1', role: 'viewer', unitCode: '93' } });
      const token = (await t().request('POST', '/api/v1/auth/login', { body: { username, password: 'first password 1' } })).body.token;
      const wrong = await t().request('POST', '/api/v1/auth/password', { token, body: { currentPassword: 'nope', newPassword: 'second password 2' } });
      assert.equal(wrong.status, 400);
      assert.ok(wrong.body.error.fields.currentPassword);
      assert.equal((await t().request('POST', '/api/v1/auth/password', { token, body: { currentPassword: 'first password 1', newPassword: 'second password 2' } })).status, 204);
      assert.equal((await t().request('POST', '/api/v1/auth/login', { body: { username, password: 'first password 1' } })).status, 401);
      assert.equal((await t().request('POST', '/api/v1/auth/login', { body: { username, password: 'second password 2' } })).status, 200);
    });

    test('an administrator disables an account and changes a role; out of scope is 404; nobody locks themselves out', async () => {
      const created = await t().request('POST', '/api/v1/users', { token: t().adminToken, body: { username: `dis-${Math.random().toString(36).slice(2, 9)}`, password: 'a long enough password', role: 'tracer', unitCode: '930' } });
      const changed = await t().request('PATCH', `/api/v1/users/${created.body.id}`, { token: t().adminToken, body: { role: 'vaccinator', disabled: true } });
      assert.equal(changed.status, 200);
      assert.equal(changed.body.role, 'vaccinator');
      assert.equal(changed.body.disabled, true);
      assert.equal((await t().request('POST', '/api/v1/auth/login', { body: { username: created.body.username, password: 'a long enough password' } })).status, 401);
      const districtAdmin = await t().tokenFor('admin', '934');
      assert.equal((await t().request('PATCH', `/api/v1/users/${created.body.id}`, { token: districtAdmin, body: { disabled: false } })).status, 404);
      const me = (await t().request('GET', '/api/v1/auth/me', { token: t().adminToken })).body.user;
      assert.equal((await t().request('PATCH', `/api/v1/users/${me.id}`, { token: t().adminToken, body: { disabled: true } })).status, 400);
    });
  });
}
