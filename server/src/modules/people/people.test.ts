import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';
import { buildPerson, nationalIdFor } from '../../testing/factories.js';

for (const engine of engines()) {
  describe(`people (${engine})`, () => {
    const t = withTestApp(engine);
    const create = async (overrides: Record<string, unknown> = {}, token = t().adminToken) =>
      t().request('POST', '/api/v1/people', { token, body: buildPerson(overrides) });

    test('POST /people registers a person with the phone normalised to +84', async () => {
      const { status, body } = await create({ fullName: '  Trần  Thị Mỹ   Hạnh ', phone: '0912.345.678', sex: 'female', nationalId: nationalIdFor(1985, 'female') });
      assert.equal(status, 201);
      assert.equal(body.fullName, 'Trần Thị Mỹ Hạnh');
      assert.equal(body.phone, '+84912345678');
      assert.equal(body.birthYear, 1985);
      assert.equal(body.name_folded, undefined, 'internal columns do not leave the server');
    });

    test('401 without a token', async () => {
      assert.equal((await t().request('POST', '/api/v1/people', { body: buildPerson() })).status, 401);
    });

    test('a malformed national ID answers 400 naming nationalId', async () => {
      for (const nationalId of ['12345', '093085abc123', '999085000001']) {
        const { status, body } = await create({ nationalId });
        assert.equal(status, 400, nationalId);
        assert.equal(body.error.code, 'validation_failed');
        assert.ok(body.error.fields.nationalId, `${nationalId}: ${JSON.stringify(body.error)}`);
      }
    });

    test('a national ID whose encoded birth year or sex disagrees is refused', async () => {
      const { status, body } = await create({ nationalId: nationalIdFor(1990, 'male'), birthDate: '1985-03-14' });
      assert.equal(status, 400);
      assert.match(body.error.fields.nationalId, /1990/);
    });

    test('an unknown unit code, a district instead of a commune, and a bad phone each name their field', async () => {
      const unknown = await create({ communeCode: '99999' });
      assert.equal(unknown.status, 400);
      assert.match(unknown.body.error.fields.communeCode, /unknown/);
      const district = await create({ communeCode: '930' });
      assert.match(district.body.error.fields.communeCode, /not a commune/);
      const phone = await create({ phone: '12345' });
      assert.ok(phone.body.error.fields.phone);
    });

    test('missing fields, unknown fields and an oversized body answer 400', async () => {
      const missing = await t().request('POST', '/api/v1/people', { token: t().adminToken, body: { communeCode: '31321' } });
      assert.equal(missing.status, 400);
      assert.ok(missing.body.error.fields.fullName);
      const extra = await create({ favouriteColour: 'blue' });
      assert.equal(extra.status, 400);
      assert.ok(extra.body.error.fields.favouriteColour);
      const longName = await create({ fullName: 'A'.repeat(5000) });
      assert.equal(longName.status, 400);
      assert.ok(longName.body.error.fields.fullName);
      const huge = await create({ address: 'x'.repeat(2 * 1024 * 1024) });
      assert.equal(huge.status, 400);
      assert.equal(huge.body.error.code, 'validation_failed');
    });

    test('a national ID already registered answers 409 with the existing record', async () => {
      const first = await create();
      const again = await create({ nationalId: first.body.nationalId, fullName: 'Someone Else' });
      assert.equal(again.status, 409);
      assert.equal(again.body.error.code, 'conflict');
      assert.equal(again.body.error.detail.existingId, first.body.id);
    });

    test('search ignores Vietnamese diacritics and case', async () => {
      const { body: person } = await create({ fullName: 'Nguyễn Văn Ánh Đức' });
      const { status, body } = await t().request('GET', `/api/v1/people?q=${encodeURIComponent('nguyen van anh duc')}`, { token: t().adminToken });
      assert.equal(status, 200);
      assert.ok(body.items.some((p: { id: string }) => p.id === person.id));
      const upper = await t().request('GET', `/api/v1/people?q=${encodeURIComponent('NGUYỄN VĂN ÁNH ĐỨC')}`, { token: t().adminToken });
      assert.equal(upper.body.items[0].id, person.id);
    });

    test('search by national ID and by phone in any common format', async () => {
      const { body: person } = await create({ phone: '+84 987 654 321' });
      const byId = await t().request('GET', `/api/v1/people?q=${person.nationalId}`, { token: t().adminToken });
      assert.deepEqual(byId.body.items.map((p: { id: string }) => p.id), [person.id]);
      const byPhone = await t().request('GET', `/api/v1/people?q=${encodeURIComponent('0987-654-321')}`, { token: t().adminToken });
      assert.ok(byPhone.body.items.some((p: { id: string }) => p.id === person.id));
    });

    test('search is paginated with a total', async () => {
      for (let i = 0; i < 5; i++) await create({ fullName: `Lê Phân Trang ${i}` });
      const page1 = await t().request('GET', '/api/v1/people?q=le%20phan%20trang&limit=2&offset=0', { token: t().adminToken });
      const page3 = await t().request('GET', '/api/v1/people?q=le%20phan%20trang&limit=2&offset=4', { token: t().adminToken });
      assert.equal(page1.body.total, 5);
      assert.equal(page1.body.items.length, 2);
      assert.equal(page3.body.items.length, 1);
      const tooMany = await t().request('GET', '/api/v1/people?limit=100000', { token: t().adminToken });
      assert.equal(tooMany.status, 400);
      assert.ok(tooMany.body.error.fields.limit);
    });

    test('a district user cannot see a person of another district: 404, and not in search', async () => {
      const { body: person } = await create({ communeCode: '31321', fullName: 'Phạm Ngoài Phạm Vi' });
      const otherDistrict = (await t().request('GET', '/api/v1/units?parent=934')).body.items[0].code;
      const token = await t().tokenFor('tracer', '934');
      assert.equal((await t().request('GET', `/api/v1/people/${person.id}`, { token })).status, 404);
      const search = await t().request('GET', '/api/v1/people?q=pham%20ngoai', { token });
      assert.equal(search.body.total, 0);
      assert.equal((await t().request('PATCH', `/api/v1/people/${person.id}`, { token, body: { address: 'x' } })).status, 404);
      const ownCommune = await create({ communeCode: otherDistrict }, token);
      assert.equal(ownCommune.status, 201);
      const outside = await create({ communeCode: '31321' }, token);
      assert.equal(outside.status, 400);
      assert.match(outside.body.error.fields.communeCode, /outside your scope/);
    });

    test('a role without people permissions answers 403', async () => {
      const token = await t().tokenFor('camera_viewer', '93');
      assert.equal((await t().request('GET', '/api/v1/people', { token })).status, 403);
    });

    test('every read of a person by an official is audited with its reason', async () => {
      const { body: person } = await create();
      const token = await t().tokenFor('tracer', '930');
      const read = await t().request('GET', `/api/v1/people/${person.id}?reason=${encodeURIComponent('F1 follow-up')}`, { token });
      assert.equal(read.status, 200);
      assert.equal(read.body.household, null);
      const audit = await t().request('GET', `/api/v1/audit?entity=person&entityId=${person.id}&action=read`, { token: t().adminToken });
      assert.equal(audit.body.total, 1);
      assert.equal(audit.body.items[0].reason, 'F1 follow-up');
      assert.equal(audit.body.items[0].actorId, (await t().request('GET', '/api/v1/auth/me', { token })).body.user.id);
    });

    test('PATCH corrects fields and the audit keeps before and after of what changed', async () => {
      const { body: person } = await create();
      const { status, body } = await t().request('PATCH', `/api/v1/people/${person.id}`, { token: t().adminToken, body: { address: 'Ấp Mới', phone: '0333 111 222' } });
      assert.equal(status, 200);
      assert.equal(body.phone, '+84333111222');
      const audit = await t().request('GET', `/api/v1/audit?entity=person&entityId=${person.id}&action=update`, { token: t().adminToken });
      assert.deepEqual(Object.keys(audit.body.items[0].changes).sort(), ['address', 'phone']);
      assert.equal(audit.body.items[0].changes.address.before, person.address);
    });

    test('the audit log is for administrators only', async () => {
      const token = await t().tokenFor('health_officer', '93');
      assert.equal((await t().request('GET', '/api/v1/audit', { token })).status, 403);
    });
  });
}
