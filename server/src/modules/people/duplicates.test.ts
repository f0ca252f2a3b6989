import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';
import { buildPerson } from '../../testing/factories.js';

for (const engine of engines()) {
  describe(`duplicates and merge (${engine})`, () => {
    const t = withTestApp(engine);
    const admin = () => t().adminToken;
    const create = async (overrides: Record<string, unknown> = {}) => {
      const response = await t().request('POST', '/api/v1/people', { token: admin(), body: buildPerson(overrides) });
      assert.equal(response.status, 201, JSON.stringify(response.body));
      return response.body as { id: string; nationalId: string | null; phone: string | null };
    };
    const pairsOf = async (id: string) => {
      const { body } = await t().request('GET', '/api/v1/people/duplicates?limit=500', { token: admin() });
      return body.items.filter((pair: { a: { id: string }; b: { id: string } }) => pair.a.id === id || pair.b.id === id);
    };

    test('same phone and birth year, and same folded name + birth date + commune, are candidate pairs', async () => {
      const a = await create({ fullName: 'Võ Thị Bích Ngọc', phone: '0911 000 111', birthDate: '1990-01-02', sex: 'female', nationalId: null });
      const b = await create({ fullName: 'Vo Thi Bich Ngoc', phone: '+84911000111', birthDate: '1990-01-02', sex: 'female', nationalId: null });
      const [pair] = await pairsOf(a.id);
      assert.ok(pair, 'the pair is listed');
      assert.deepEqual(new Set([pair.a.id, pair.b.id]), new Set([a.id, b.id]));
      assert.deepEqual(pair.reasons, ['name_birth_date_commune', 'phone_birth_year']);
    });

    test('people who only share a phone but not a birth year are not a pair', async () => {
      const parent = await create({ phone: '0922 000 222', birthDate: '1960-05-05', nationalId: null });
      await create({ phone: '0922 000 222', birthDate: '1995-05-05', nationalId: null });
      assert.equal((await pairsOf(parent.id)).length, 0);
    });

    test('a dismissed pair is no longer proposed', async () => {
      const a = await create({ fullName: 'Lý Văn Song', birthDate: '1970-07-07', nationalId: null, phone: null });
      const b = await create({ fullName: 'Lý Văn Song', birthDate: '1970-07-07', nationalId: null, phone: null });
      assert.equal((await pairsOf(a.id)).length, 1);
      const dismissed = await t().request('POST', '/api/v1/people/duplicates/dismiss', { token: admin(), body: { personA: b.id, personB: a.id } });
      assert.equal(dismissed.status, 204);
      assert.equal((await pairsOf(a.id)).length, 0);
    });

    test('a merge moves household and organisation memberships to the survivor, fills its gaps, and is audited', async () => {
      const survivor = await create({ fullName: 'Đặng Văn Gộp', birthDate: '1980-08-08', phone: null });
      const duplicate = await create({ fullName: 'Dang Van Gop', birthDate: '1980-08-08', nationalId: null, phone: '0933 444 555' });
      const spouse = await create({ sex: 'female', nationalId: null, birthDate: '1982-01-01' });
      const household = await t().request('POST', '/api/v1/households', {
        token: admin(),
        body: { communeCode: '31321', address: 'Ấp 1', headPersonId: duplicate.id, members: [{ personId: duplicate.id }, { personId: spouse.id, relation: 'spouse' }] },
      });
      assert.equal(household.status, 201, JSON.stringify(household.body));
      const org = await t().request('POST', '/api/v1/organisations', { token: admin(), body: { name: 'Công ty TNHH Gộp', kind: 'factory', communeCode: '31321' } });
      assert.equal((await t().request('POST', `/api/v1/organisations/${org.body.id}/members`, { token: admin(), body: { personId: duplicate.id, team: 'Tổ 1' } })).status, 204);
      assert.equal((await t().request('POST', `/api/v1/organisations/${org.body.id}/members`, { token: admin(), body: { personId: survivor.id } })).status, 204);

      const merge = await t().request('POST', `/api/v1/people/${survivor.id}/merge`, { token: admin(), body: { mergedId: duplicate.id, reason: 'same person, typed twice' } });
      assert.equal(merge.status, 200, JSON.stringify(merge.body));
      assert.equal(merge.body.survivor.phone, '+84933444555', 'the survivor takes the phone it lacked');
      assert.equal(merge.body.moved['household_members.person_id'], 1);
      assert.equal(merge.body.moved['households.head_person_id'], 1);

      const detail = await t().request('GET', `/api/v1/people/${survivor.id}?reason=check`, { token: admin() });
      assert.equal(detail.body.household.id, household.body.id);
      assert.equal(detail.body.household.headPersonId, survivor.id);
      assert.equal(detail.body.organisations.length, 1, 'one membership: the colliding one was dropped');

      const merged = await t().request('GET', `/api/v1/people/${duplicate.id}`, { token: admin() });
      assert.equal(merged.body.mergedInto, survivor.id);
      const search = await t().request('GET', `/api/v1/people?q=dang%20van%20gop`, { token: admin() });
      assert.deepEqual(search.body.items.map((p: { id: string }) => p.id), [survivor.id], 'merged records leave search');

      const audit = await t().request('GET', `/api/v1/audit?entity=person&entityId=${survivor.id}&action=merge`, { token: admin() });
      assert.equal(audit.body.items[0].reason, 'same person, typed twice');
      assert.equal(audit.body.items[0].detail.mergedId, duplicate.id);
    });

    test('merging again, merging into itself, or without a reason is refused', async () => {
      const a = await create();
      const b = await create({ nationalId: null });
      assert.equal((await t().request('POST', `/api/v1/people/${a.id}/merge`, { token: admin(), body: { mergedId: a.id, reason: 'x' } })).status, 400);
      assert.equal((await t().request('POST', `/api/v1/people/${a.id}/merge`, { token: admin(), body: { mergedId: b.id } })).status, 400);
      assert.equal((await t().request('POST', `/api/v1/people/${a.id}/merge`, { token: admin(), body: { mergedId: b.id, reason: 'dup' } })).status, 200);
      const again = await t().request('POST', `/api/v1/people/${a.id}/merge`, { token: admin(), body: { mergedId: b.id, reason: 'dup' } });
      assert.equal(again.status, 409);
    });

    test('a district health officer cannot merge a person of another district (404) and a tracer may not merge (403)', async () => {
      const inVithanh = await create({ communeCode: '31321' });
      const officer = await t().tokenFor('health_officer', '934');
      const local = await t().request('POST', '/api/v1/people', { token: officer, body: buildPerson({ communeCode: (await t().request('GET', '/api/v1/units?parent=934')).body.items[0].code }) });
      assert.equal((await t().request('POST', `/api/v1/people/${local.body.id}/merge`, { token: officer, body: { mergedId: inVithanh.id, reason: 'x' } })).status, 404);
      const tracer = await t().tokenFor('tracer', '93');
      assert.equal((await t().request('POST', `/api/v1/people/${local.body.id}/merge`, { token: tracer, body: { mergedId: inVithanh.id, reason: 'x' } })).status, 403);
    });

    test('a household member already in another household answers 409 naming the member', async () => {
      const a = await create();
      assert.equal((await t().request('POST', '/api/v1/households', { token: admin(), body: { communeCode: '31321', members: [{ personId: a.id }] } })).status, 201);
      const b = await create();
      const again = await t().request('POST', '/api/v1/households', { token: admin(), body: { communeCode: '31321', members: [{ personId: b.id }, { personId: a.id }] } });
      assert.equal(again.status, 409);
      assert.ok(again.body.error.fields['members[1].personId']);
    });
  });
}
