// The staff list "registered but not yet vaccinated" over HTTP on both engines: scope, filters by
// unit, priority group and age, pagination, the audit of every read; the CSV and formula injection.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';
import { auditRows, bookSelf, createSession, registerCitizen } from './booking.testkit.js';
import { COMMUNE, DISTRICT, OTHER_COMMUNE, OTHER_DISTRICT } from './vaccination.testkit.js';

interface Item { id: string; communeCode: string; priorityGroup: string; age: number; status: string; phone: string | null }

for (const engine of engines()) {
  describe(`vaccination registrations list (${engine})`, () => {
    const t = withTestApp(engine);
    const list = async (query: string, token = t().adminToken) => {
      const response = await t().request('GET', `/api/v1/vaccination/registrations?${query}`, { token });
      assert.equal(response.status, 200, JSON.stringify(response.body));
      return response.body as { items: Item[]; total: number; limit: number; offset: number };
    };

    test('the waiting list: scope, filters, order by priority, pagination, audited', async () => {
      const mine = {
        teacher: await registerCitizen(t(), { priorityGroup: 'teachers' }, { birthDate: '1985-05-05' }),
        elder: await registerCitizen(t(), { priorityGroup: 'elderly_65' }, { birthDate: '1948-03-03' }),
        nurse: await registerCitizen(t(), { priorityGroup: 'health_workers' }, { birthDate: '1992-12-12' }),
        booked: await registerCitizen(t(), { priorityGroup: 'others' }, { birthDate: '1990-01-01' }),
        elsewhere: await registerCitizen(t(), { priorityGroup: 'teachers' }, { communeCode: OTHER_COMMUNE }),
      };
      const { slotIds } = await createSession(t());
      assert.equal((await bookSelf(t(), mine.booked.token, slotIds[0]!)).status, 201);

      const officer = await t().tokenFor('health_officer', DISTRICT);
      const since = new Date();
      const all = await list('status=waiting&limit=500&reason=plan%20the%20week', officer);
      const ids = all.items.map((item) => item.id);
      assert.ok([mine.teacher, mine.elder, mine.nurse].every((r) => ids.includes(r.id)));
      assert.ok(!ids.includes(mine.elsewhere.id), 'another district is outside the scope');
      assert.ok(!ids.includes(mine.booked.id), 'a booked registration is not waiting');
      assert.ok(all.items.every((item) => item.status === 'waiting' && item.phone?.startsWith('•')));
      const ranks = all.items.map((item) => item.priorityGroup);
      assert.ok(ranks.indexOf('health_workers') < ranks.indexOf('teachers') && ranks.indexOf('teachers') < ranks.indexOf('elderly_65'), 'priority order');
      const [read] = await auditRows(t(), 'vaccination_registrations', since);
      assert.deepEqual([read?.action, read?.reason, read?.detail?.returned], ['read', 'plan the week', all.items.length]);

      const elders = await list('priorityGroup=elderly_65&minAge=70', officer);
      assert.ok(elders.items.some((item) => item.id === mine.elder.id) && elders.items.every((item) => item.priorityGroup === 'elderly_65' && item.age >= 70));
      const young = await list('maxAge=35', officer);
      assert.ok(young.items.some((item) => item.id === mine.nurse.id) && !young.items.some((item) => item.id === mine.teacher.id));
      const booked = await list(`status=booked&unitCode=${COMMUNE}`, officer);
      assert.ok(booked.items.some((item) => item.id === mine.booked.id) && booked.items.every((item) => item.status === 'booked'));
      const notYetVaccinated = await list('limit=500', officer);
      assert.ok([mine.booked, mine.nurse].every((r) => notYetVaccinated.items.some((item) => item.id === r.id)), 'by default: waiting and booked');
      const other = await list(`unitCode=${OTHER_DISTRICT}`);
      assert.ok(other.items.some((item) => item.id === mine.elsewhere.id) && other.items.every((item) => item.communeCode === OTHER_COMMUNE || item.communeCode.length === 5));

      const page = await list('status=waiting&limit=1&offset=1', officer);
      assert.deepEqual([page.items.length, page.total, page.limit, page.offset], [1, all.total, 1, 1]);
      assert.equal(page.items[0]!.id, all.items[1]!.id);

      for (const [query, field] of [['unitCode=' + OTHER_DISTRICT, 'unitCode'], ['priorityGroup=nobody', 'priorityGroup'], ['minAge=50&maxAge=40', 'maxAge'], ['limit=0', 'limit']] as const) {
        const response = await t().request('GET', `/api/v1/vaccination/registrations?${query}`, { token: officer });
        assert.equal(response.status, 400, query);
        assert.ok(response.body.error.fields[field], `${query}: ${JSON.stringify(response.body.error)}`);
      }
      const stockKeeper = await t().tokenFor('tracer', DISTRICT);
      assert.equal((await t().request('GET', '/api/v1/vaccination/registrations', { token: stockKeeper })).status, 403);
    });

    test('the CSV: the same rows with full phones, formula-safe cells, an audited export', async () => {
      const evil = await registerCitizen(t(), { id: randomUUID(), priorityGroup: 'teachers' }, { fullName: '=HYPERLINK("http://evil.example","x")', communeCode: OTHER_COMMUNE });
      const since = new Date();
      const response = await t().app.inject({ method: 'GET', url: `/api/v1/vaccination/registrations.csv?unitCode=${OTHER_DISTRICT}&reason=call%20list`, headers: { authorization: `Bearer ${t().adminToken}` } });
      assert.equal(response.statusCode, 200, response.body);
      assert.match(String(response.headers['content-type']), /^text\/csv/);
      assert.match(String(response.headers['content-disposition']), /attachment; filename="vaccination-registrations-/);
      const lines = response.body.trim().split('\r\n');
      assert.match(lines[0]!, /^registration_id,person_id,full_name,/);
      const row = lines.find((line) => line.startsWith(evil.id));
      assert.ok(row, 'the registration is in the file');
      assert.ok(row.includes(`"'=HYPERLINK(""http://evil.example"",""x"")"`), row);
      assert.match(row, /\+84\d{9}/, 'the full phone, to call');
      const [exported] = await auditRows(t(), 'vaccination_registrations', since);
      assert.deepEqual([exported?.action, exported?.reason], ['export', 'call list']);
      const officer = await t().tokenFor('health_officer', DISTRICT);
      const outside = await t().app.inject({ method: 'GET', url: `/api/v1/vaccination/registrations.csv?unitCode=${OTHER_DISTRICT}`, headers: { authorization: `Bearer ${officer}` } });
      assert.equal(outside.statusCode, 400);
    });
  });
}
