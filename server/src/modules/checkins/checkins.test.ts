import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';
import { buildPerson } from '../../testing/factories.js';
import { buildCheckin, buildVenue } from './factories.js';
import { purgePresence } from './retention.js';

for (const engine of engines()) {
  describe(`check-in ingest (${engine})`, () => {
    const t = withTestApp(engine);
    const venue = async (overrides: Record<string, unknown> = {}) => (await t().request('POST', '/api/v1/venues', { token: t().adminToken, body: buildVenue(overrides) })).body as { id: string; qrUrl: string };
    const person = async (overrides: Record<string, unknown> = {}) => (await t().request('POST', '/api/v1/people', { token: t().adminToken, body: buildPerson(overrides) })).body as { id: string; nationalId: string };
    const batch = async (items: unknown[], token = t().adminToken) => t().request('POST', '/api/v1/checkins/batch', { token, body: { items } });
    const count = async (sql: string, params: unknown[] = []) => ((await t().db.query<{ n: number }>(sql, params))[0]!).n;

    test('one check-in answers 201; the same id again answers 200 as a repeat and changes nothing', async () => {
      const [v, p] = [await venue(), await person()];
      const item = buildCheckin(v.id, p.id, 20);
      const first = await t().request('POST', '/api/v1/checkins', { token: t().adminToken, body: item });
      assert.equal(first.status, 201);
      assert.deepEqual({ accepted: first.body.accepted, repeats: first.body.repeats }, { accepted: 1, repeats: 0 });
      assert.equal(first.body.checkin.venueId, v.id);
      // No check-out: the visit ends after the venue's default dwell time (45 min).
      assert.equal(Date.parse(first.body.checkin.endsAt) - Date.parse(item.checkedInAt), 45 * 60_000);
      const again = await t().request('POST', '/api/v1/checkins', { token: t().adminToken, body: item });
      assert.equal(again.status, 200);
      assert.deepEqual({ accepted: again.body.accepted, repeats: again.body.repeats }, { accepted: 0, repeats: 1 });
      assert.equal(await count('SELECT count(*)::int AS n FROM checkins WHERE person_id = $1', [p.id]), 1);
    });

    test('a batch counts accepted items and repeats; resending it writes nothing; a later check-out time closes the visit', async () => {
      const [v, p1, p2] = [await venue(), await person(), await person()];
      const items = [buildCheckin(v.id, p1.id, 90), buildCheckin(v.id, p2.id, 60)];
      const first = await batch(items);
      assert.equal(first.status, 200);
      assert.deepEqual({ accepted: first.body.accepted, repeats: first.body.repeats }, { accepted: 2, repeats: 0 });
      const third = buildCheckin(v.id, p1.id, 10);
      const second = await batch([...items, third]);
      assert.deepEqual({ accepted: second.body.accepted, repeats: second.body.repeats, checkedOut: second.body.checkedOut }, { accepted: 1, repeats: 2, checkedOut: 0 });
      const closing = { ...items[0]!, checkedOutAt: new Date(Date.now() - 30 * 60_000).toISOString() };
      const closed = await batch([closing]);
      assert.deepEqual({ accepted: closed.body.accepted, repeats: closed.body.repeats, checkedOut: closed.body.checkedOut }, { accepted: 0, repeats: 1, checkedOut: 1 });
      const [row] = await t().db.query<{ checked_out_at: Date }>('SELECT checked_out_at FROM checkins WHERE id = $1', [items[0]!.id]);
      assert.equal(row!.checked_out_at.toISOString(), closing.checkedOutAt);
    });

    test('a batch with one bad item answers 400 naming its index and field, and writes nothing', async () => {
      const [v, p] = [await venue(), await person()];
      const good = Array.from({ length: 5 }, () => buildCheckin(v.id, p.id, 30));
      const cases: [Record<string, unknown>, string, RegExp][] = [
        [{ venueId: randomUUID() }, 'venueId', /no such venue/],
        [{ personId: randomUUID() }, 'personId', /no such person/],
        [{ checkedOutAt: new Date(Date.now() - 60 * 60_000).toISOString() }, 'checkedOutAt', /before checkedInAt/],
        [{ checkedInAt: new Date(Date.now() + 3600_000).toISOString() }, 'checkedInAt', /future/],
        [{ checkedInAt: new Date(Date.now() - 30 * 86_400_000).toISOString() }, 'checkedInAt', /retention period/],
        [{ personId: undefined, personCode: 'UPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP' }, 'personCode', /not a valid personal code/],
        [{ venueId: 'not-a-uuid' }, 'venueId', /uuid/],
      ];
      for (const [change, field, reason] of cases) {
        const bad = { ...buildCheckin(v.id, p.id, 30), ...change };
        const response = await batch([...good, bad]);
        assert.equal(response.status, 400, `${field}: ${JSON.stringify(response.body)}`);
        assert.match(response.body.error.fields[`items[5].${field}`] ?? '', reason, JSON.stringify(response.body.error.fields));
      }
      assert.equal(await count('SELECT count(*)::int AS n FROM checkins WHERE person_id = $1', [p.id]), 0);
      const tooMany = await batch(Array.from({ length: 1001 }, () => buildCheckin(v.id, p.id, 30)));
      assert.equal(tooMany.status, 400);
      assert.ok(tooMany.body.error.fields.items);
    });

    test('an id reused for a different check-in is refused, in the batch and against stored ones', async () => {
      const [v, p] = [await venue(), await person()];
      const stored = buildCheckin(v.id, p.id, 30);
      await batch([stored]);
      const reused = await batch([buildCheckin(v.id, p.id, 10), { ...buildCheckin(v.id, p.id, 5), id: stored.id }]);
      assert.equal(reused.status, 400);
      assert.match(reused.body.error.fields['items[1].id'], /already used for a different check-in/);
      const inBatch = buildCheckin(v.id, p.id, 20);
      const twice = await batch([inBatch, { ...inBatch, checkedInAt: new Date().toISOString() }]);
      assert.match(twice.body.error.fields['items[1].id'], /repeats the id of items\[0\]/);
      assert.equal(await count('SELECT count(*)::int AS n FROM checkins WHERE person_id = $1', [p.id]), 1);
    });

    test('people are found by national ID or scanned personal code, and merged records forward to the survivor', async () => {
      const [v, p] = [await venue(), await person()];
      const byId = await batch([{ ...buildCheckin(v.id, p.id, 30), personId: undefined, nationalId: p.nationalId }]);
      assert.equal(byId.body.accepted, 1);
      const unknown = await batch([{ ...buildCheckin(v.id, p.id, 30), personId: undefined, nationalId: '093190999999' }]);
      assert.match(unknown.body.error.fields['items[0].nationalId'], /no registered person/);
      const { body: registered } = await t().request('POST', '/api/v1/personal-codes', { body: { person: { fullName: 'Lê Văn Quét', phone: '0911222333', birthYear: 1970 } } });
      const byCode = await batch([{ ...buildCheckin(v.id, p.id, 25), personId: undefined, personCode: registered.personCode }]);
      assert.equal(byCode.body.accepted, 1);
      const [row] = await t().db.query<{ method: string; full_name: string }>(
        'SELECT c.method, pe.full_name FROM checkins c JOIN people pe ON pe.id = c.person_id WHERE c.id = $1', [byCode.body.ids[0]]);
      assert.deepEqual(row, { method: 'personal_qr', full_name: 'Lê Văn Quét' });
    });

    test('scanners work within scope: a commune\'s checkpoint staff cannot record at another district\'s venue; viewers cannot record', async () => {
      const [v, p] = [await venue(), await person()];
      const staff = await t().tokenFor('checkpoint_staff', '31321');
      assert.equal((await batch([buildCheckin(v.id, p.id)], staff)).status, 200);
      const elsewhere = await t().tokenFor('checkpoint_staff', '934');
      assert.match((await batch([buildCheckin(v.id, p.id)], elsewhere)).body.error.fields['items[0].venueId'], /outside your scope/);
      assert.equal((await batch([buildCheckin(v.id, p.id)], await t().tokenFor('viewer', '93'))).status, 403);
    });

    test('reading presence data needs a reason, stays in scope and is audited', async () => {
      const [v, p] = [await venue(), await person()];
      await batch([buildCheckin(v.id, p.id, 40)]);
      const tracer = await t().tokenFor('tracer', '930');
      const noReason = await t().request('GET', `/api/v1/checkins?venueId=${v.id}`, { token: tracer });
      assert.equal(noReason.status, 400);
      assert.ok(noReason.body.error.fields.reason);
      const read = await t().request('GET', `/api/v1/checkins?venueId=${v.id}&reason=${encodeURIComponent('F0 ca 1234 tại chợ')}`, { token: tracer });
      assert.equal(read.status, 200);
      assert.equal(read.body.items[0].personId, p.id);
      const [entry] = await t().db.query<{ reason: string }>(`SELECT reason FROM audit_log WHERE entity = 'checkin' AND action = 'read' AND entity_id = $1`, [v.id]);
      assert.equal(entry?.reason, 'F0 ca 1234 tại chợ');
      const outside = await t().request('GET', `/api/v1/checkins?venueId=${v.id}&reason=tracing`, { token: await t().tokenFor('tracer', '934') });
      assert.equal(outside.body.total, 0);
      assert.equal((await t().request('GET', `/api/v1/checkins?venueId=${v.id}&reason=tracing`, { token: await t().tokenFor('checkpoint_staff', '930') })).status, 403);
    });

    test('the retention purge deletes check-ins older than the period, counts them and audits only the counts', async () => {
      const [v, p] = [await venue(), await person()];
      await batch([buildCheckin(v.id, p.id, 60), buildCheckin(v.id, p.id, 20 * 24 * 60)]);
      const later = new Date(Date.now() + 2 * 86_400_000); // two days on, the 20-day-old check-in is 22 days old
      const result = await purgePresence(t().db, 21, { now: later });
      assert.ok(result.checkins >= 1);
      assert.equal(await count('SELECT count(*)::int AS n FROM checkins WHERE person_id = $1', [p.id]), 1);
      const [entry] = await t().db.query<{ detail: { checkins: number; retentionDays: number } }>(`SELECT detail FROM audit_log WHERE action = 'purge' AND entity = 'presence' ORDER BY id DESC LIMIT 1`);
      assert.equal(entry?.detail.checkins, result.checkins);
      assert.equal(entry?.detail.retentionDays, 21);
    });

    test('the purge deletes import reports a week after they finished, and fails imports a restart left hanging', async () => {
      const insertJob = async (status: string, updatedAt: Date) => (await t().db.query<{ id: string }>(
        `INSERT INTO import_jobs (kind, actor_id, total, status, updated_at) VALUES ('venues', gen_random_uuid(), 1, $1, $2) RETURNING id`, [status, updatedAt],
      ))[0]!.id;
      const now = new Date();
      const old = await insertJob('done', new Date(now.getTime() - 8 * 86_400_000));
      const recent = await insertJob('failed', new Date(now.getTime() - 86_400_000));
      const hanging = await insertJob('writing', new Date(now.getTime() - 2 * 3600_000));
      const running = await insertJob('checking', new Date(now.getTime() - 60_000));
      const result = await purgePresence(t().db, 21, { now });
      assert.ok(result.importJobs >= 1);
      const left = new Map((await t().db.query<{ id: string; status: string }>('SELECT id, status FROM import_jobs WHERE id = ANY($1)', [[old, recent, hanging, running]])).map((r) => [r.id, r.status]));
      assert.deepEqual(Object.fromEntries([old, recent, hanging, running].map((id) => [id, left.get(id)])), { [old]: undefined, [recent]: 'failed', [hanging]: 'failed', [running]: 'checking' });
    });
  });
}
