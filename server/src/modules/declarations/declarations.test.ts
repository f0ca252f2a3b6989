import assert from 'node:assert/strict';
import { randomInt, randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import type { Database } from '../../db/database.js';
import { type TestApp, withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';
import { nationalIdFor } from '../../testing/factories.js';
import { codeSigner } from '../checkins/codes.js';
import { todayInVietnam } from '../open/time.js';
import { purgeDeclarations } from './service.js';

let sequence = 0;

/** A citizen's details as typed on the phone. */
const buildSelf = (overrides: Record<string, unknown> = {}) => ({
  fullName: `Trần Thị Khai ${++sequence}`, phone: `09${randomInt(10_000_000, 99_999_999)}`, birthYear: 1990, ...overrides,
});

/** A healthy citizen's general declaration, unless overridden. */
const buildDeclaration = (overrides: Record<string, unknown> = {}) => ({
  id: randomUUID(), kind: 'general', person: buildSelf(), symptoms: ['none'], contactWithCase: false, beenToOutbreakArea: false, vaccination: 'full', ...overrides,
});

const entry = { direction: 'in', origin: 'TP. Cần Thơ', destination: 'Vị Thanh', vehicle: 'motorbike', plate: '65b1 234.56' };

/** A venue written straight into its table (the venue service is another part of the slice) and its poster code. */
async function insertVenue(db: Database, communeCode = '31321', kind = 'entry_checkpoint') {
  const [venue] = await db.query<{ id: string }>(
    `INSERT INTO venues (name, kind, commune_code, position) VALUES ($1, $2, $3, ST_SetSRID(ST_MakePoint(105.47, 9.78), 4326)::geography) RETURNING id`,
    [`Chốt kiểm soát ${++sequence}`, kind, communeCode],
  );
  return { id: venue!.id, code: (await codeSigner(db)).sign('venue', venue!.id, 1) };
}

for (const engine of engines()) {
  describe(`declarations (${engine})`, () => {
    const t = withTestApp(engine);
    const declare = (body: unknown) => t().request('POST', '/api/v1/declarations', { body });
    const auditOf = async (t: () => TestApp, id: string) =>
      (await t().request('GET', `/api/v1/audit?entity=declaration&entityId=${id}`, { token: t().adminToken })).body.items as { action: string; actorUsername: string; reason: string | null; detail: Record<string, unknown> | null }[];

    test('staff routes need a token (401) and declarations:read (403); only health officers and admins replace the rules', async () => {
      assert.equal((await t().request('GET', '/api/v1/declarations?reason=check')).status, 401);
      const viewer = await t().tokenFor('viewer', '93');
      for (const url of ['/api/v1/declarations?reason=check', '/api/v1/declarations/summary', '/api/v1/declarations/rules']) {
        assert.equal((await t().request('GET', url, { token: viewer })).status, 403, url);
      }
      const staff = await t().tokenFor('checkpoint_staff', '31321');
      assert.equal((await t().request('GET', '/api/v1/declarations/rules', { token: staff })).status, 200);
      assert.equal((await t().request('PUT', '/api/v1/declarations/rules', { token: staff, body: { rules: [] } })).status, 403);
    });

    test('bad input answers 400 naming the field, and writes nothing', async () => {
      const shop = await insertVenue(t().db, '31321', 'shop');
      const cases: [Record<string, unknown>, string][] = [
        [{ person: undefined }, 'personCode'],
        [{ personCode: 'A'.repeat(30) }, 'personCode'], // both personCode and person
        [{ person: undefined, personCode: (await codeSigner(t().db)).sign('person', randomUUID()).replace(/.$/, 'x') }, 'personCode'],
        [{ kind: 'entry' }, 'entry'],
        [{ entry }, 'entry'], // a general declaration with a journey
        [{ venueCode: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }, 'venueCode'],
        [{ kind: 'entry', entry, venueCode: shop.code }, 'venueCode'], // a shop is not an entry checkpoint
        [{ symptoms: ['none', 'fever'] }, 'symptoms'],
        [{ symptoms: ['sneezing'] }, 'symptoms[0]'],
        [{ contactWithCase: undefined }, 'contactWithCase'],
        [{ travelDate: '2021-01-01' }, 'travelDate'],
        [{ person: buildSelf({ phone: '12345' }) }, 'person.phone'],
      ];
      for (const [overrides, field] of cases) {
        const body = buildDeclaration(overrides);
        const { status, body: answer } = await declare(body);
        assert.equal(status, 400, `${field}: ${JSON.stringify(answer)}`);
        assert.ok(answer.error.fields[field], `${field} named in ${JSON.stringify(answer.error.fields)}`);
        assert.equal((await t().db.query('SELECT 1 FROM declarations WHERE id = $1', [body.id])).length, 0);
      }
    });

    test('a new citizen declares at a checkpoint: 201 with flag, codes, and an audit row without personal content', async () => {
      const checkpoint = await insertVenue(t().db);
      const person = buildSelf();
      const body = buildDeclaration({ person, kind: 'entry', entry, venueCode: checkpoint.code, symptoms: ['cough'], visitedPlaces: 'Chợ Cái Răng' });
      const { status, body: receipt } = await declare(body);
      assert.equal(status, 201);
      assert.equal(receipt.flag, 'red');
      assert.deepEqual(receipt.reasons, ['symptoms']);
      assert.equal(receipt.repeat, false);
      const signer = await codeSigner(t().db);
      assert.equal(signer.verify(receipt.declarationCode, 'declaration')?.id, body.id);
      const [row] = await t().db.query<{ venue_id: string; plate: string; person_id: string }>('SELECT venue_id, plate, person_id FROM declarations WHERE id = $1', [body.id]);
      assert.equal(row!.venue_id, checkpoint.id);
      assert.equal(row!.plate, '65B1 234.56');
      assert.equal(signer.verify(receipt.personCode, 'person')?.id, row!.person_id);
      const [created] = await auditOf(t, body.id);
      assert.equal(created!.action, 'create');
      assert.equal(created!.actorUsername, 'citizen');
      assert.doesNotMatch(JSON.stringify(created), new RegExp(`${person.fullName}|${person.phone.slice(1)}|Cái Răng`));
    });

    test('the personal code stands for the person in the next declaration, made ahead of time', async () => {
      const first = await declare(buildDeclaration());
      const travelDate = todayInVietnam(new Date(Date.now() + 3 * 86_400_000));
      const body = buildDeclaration({ person: undefined, personCode: first.body.personCode, kind: 'entry', entry, travelDate });
      const second = await declare(body);
      assert.equal(second.status, 201);
      assert.equal(second.body.travelDate, travelDate);
      assert.equal(second.body.personCode, first.body.personCode);
    });

    test('sending the same id again returns the stored declaration (200); another person sending it gets 409', async () => {
      const body = buildDeclaration({ beenToOutbreakArea: true });
      const first = await declare(body);
      assert.equal(first.status, 201);
      const again = await declare({ ...body, symptoms: ['fever'] });
      assert.equal(again.status, 200);
      assert.equal(again.body.repeat, true);
      assert.deepEqual({ ...again.body, repeat: false }, first.body, 'the stored declaration, not the new answers');
      const byCode = await declare({ ...body, person: undefined, personCode: first.body.personCode });
      assert.equal(byCode.status, 200);
      const people = (await t().db.query<{ n: number }>('SELECT count(*)::int AS n FROM people')).at(0)!.n;
      const stranger = await declare({ ...body, person: buildSelf() });
      assert.equal(stranger.status, 409);
      assert.equal(stranger.body.error.fields.id !== undefined, true);
      assert.equal((await t().db.query<{ n: number }>('SELECT count(*)::int AS n FROM people')).at(0)!.n, people, 'the stranger\'s new record was rolled back');
      assert.equal((await auditOf(t, body.id)).length, 1, 'a repeat writes no second audit row');
    });

    test('checkpoint staff scan the QR: the person\'s details, marked presented at their checkpoint, audited as a checkpoint scan', async () => {
      const checkpoint = await insertVenue(t().db, '31321');
      const person = { ...buildSelf(), nationalId: nationalIdFor(1990, 'female') };
      const { body: receipt } = await declare(buildDeclaration({ person, kind: 'entry', entry }));
      const staff = await t().tokenFor('checkpoint_staff', '31321');
      const scan = await t().request('GET', `/api/v1/declarations/by-code/${receipt.declarationCode}?venueId=${checkpoint.id}`, { token: staff });
      assert.equal(scan.status, 200);
      assert.equal(scan.body.person.fullName, person.fullName);
      assert.equal(scan.body.person.nationalId, person.nationalId);
      assert.equal(scan.body.person.birthYear, 1990);
      assert.match(scan.body.person.phone, /^\+84/);
      assert.equal(scan.body.presentedVenue.id, checkpoint.id);
      assert.ok(scan.body.presentedAt);
      assert.deepEqual(scan.body.entry, { ...entry, plate: '65B1 234.56' });
      const read = (await auditOf(t, receipt.id)).find((row) => row.action === 'read');
      assert.equal(read?.reason, 'checkpoint scan');
      assert.equal(read?.detail?.presentedAt, checkpoint.id);
    });

    test('scanning: a forged code is 400 naming code, a checkpoint outside your scope 400 naming venueId, an unknown declaration 404', async () => {
      const staff = await t().tokenFor('checkpoint_staff', '31321');
      const { body: receipt } = await declare(buildDeclaration());
      const forged = await t().request('GET', `/api/v1/declarations/by-code/${receipt.declarationCode.slice(0, -2)}xx`, { token: staff });
      assert.equal(forged.status, 400);
      assert.ok(forged.body.error.fields.code);
      const elsewhere = await insertVenue(t().db, '31393');
      const outside = await t().request('GET', `/api/v1/declarations/by-code/${receipt.declarationCode}?venueId=${elsewhere.id}`, { token: staff });
      assert.equal(outside.status, 400);
      assert.ok(outside.body.error.fields.venueId);
      const unknown = (await codeSigner(t().db)).sign('declaration', randomUUID());
      assert.equal((await t().request('GET', `/api/v1/declarations/by-code/${unknown}`, { token: staff })).status, 404);
    });

    test('lists are scoped: commune staff see their checkpoint\'s declarations, not another commune\'s; each list is audited with its reason', async () => {
      const mine = await insertVenue(t().db, '31321');
      const theirs = await insertVenue(t().db, '31393');
      const red = await declare(buildDeclaration({ kind: 'entry', entry, venueCode: mine.code, contactWithCase: true }));
      const green = await declare(buildDeclaration({ kind: 'entry', entry, venueCode: mine.code }));
      const other = await declare(buildDeclaration({ kind: 'entry', entry, venueCode: theirs.code }));
      const staff = await t().tokenFor('checkpoint_staff', '31321');
      const today = todayInVietnam();
      const list = await t().request('GET', `/api/v1/declarations?date=${today}&reason=ca%20tr%E1%BB%B1c`, { token: staff });
      assert.equal(list.status, 200);
      const ids = list.body.items.map((item: { id: string }) => item.id);
      assert.ok(ids.includes(red.body.id) && ids.includes(green.body.id));
      assert.ok(!ids.includes(other.body.id), 'another commune\'s checkpoint is out of scope');
      assert.ok(ids.indexOf(red.body.id) < ids.indexOf(green.body.id), 'red first');
      const flagged = await t().request('GET', `/api/v1/declarations?venueId=${mine.id}&date=${today}&flag=red&reason=ca%20tr%E1%BB%B1c`, { token: staff });
      assert.deepEqual(flagged.body.items.map((item: { id: string }) => item.id), [red.body.id]);
      assert.equal(flagged.body.items[0].person.fullName.startsWith('Trần Thị Khai'), true);
      const theirList = await t().request('GET', `/api/v1/declarations?venueId=${theirs.id}&reason=check`, { token: staff });
      assert.equal(theirList.body.total, 0);
      const yesterday = await t().request('GET', `/api/v1/declarations?venueId=${mine.id}&date=2021-09-01&reason=check`, { token: staff });
      assert.equal(yesterday.body.total, 0);
      const noReason = await t().request('GET', '/api/v1/declarations', { token: staff });
      assert.equal(noReason.status, 400);
      assert.ok(noReason.body.error.fields.reason);
      const audit = await t().request('GET', '/api/v1/audit?entity=declaration&action=search', { token: t().adminToken });
      assert.ok(audit.body.items.some((row: { reason: string }) => row.reason === 'ca trực'));
    });

    test('a declaration made ahead shows in the list of the checkpoint where it was presented', async () => {
      const checkpoint = await insertVenue(t().db, '31393');
      const { body: receipt } = await declare(buildDeclaration({ kind: 'entry', entry }));
      const staff = await t().tokenFor('checkpoint_staff', '934');
      const before = await t().request('GET', `/api/v1/declarations?venueId=${checkpoint.id}&reason=check`, { token: staff });
      assert.equal(before.body.total, 0);
      await t().request('GET', `/api/v1/declarations/by-code/${receipt.declarationCode}?venueId=${checkpoint.id}`, { token: staff });
      const after = await t().request('GET', `/api/v1/declarations?venueId=${checkpoint.id}&date=${todayInVietnam()}&reason=check`, { token: staff });
      assert.deepEqual(after.body.items.map((item: { id: string }) => item.id), [receipt.id]);
    });

    test('summary counts per checkpoint and day, by flag and direction, within scope', async () => {
      const checkpoint = await insertVenue(t().db, '31321');
      await declare(buildDeclaration({ kind: 'entry', entry, venueCode: checkpoint.code, symptoms: ['fever'] }));
      await declare(buildDeclaration({ kind: 'entry', entry: { ...entry, direction: 'out' }, venueCode: checkpoint.code, vaccination: 'none' }));
      const { body: presented } = await declare(buildDeclaration({ kind: 'entry', entry }));
      const staff = await t().tokenFor('checkpoint_staff', '31321');
      await t().request('GET', `/api/v1/declarations/by-code/${presented.declarationCode}?venueId=${checkpoint.id}`, { token: staff });
      const today = todayInVietnam();
      const summary = await t().request('GET', `/api/v1/declarations/summary?date=${today}&unitCode=930`, { token: staff });
      assert.equal(summary.status, 200);
      const row = summary.body.items.find((item: { venueId: string }) => item.venueId === checkpoint.id);
      assert.deepEqual({ ...row, venueName: undefined }, {
        date: today, venueId: checkpoint.id, venueName: undefined, venueKind: 'entry_checkpoint', communeCode: '31321', total: 3, red: 1, yellow: 1, green: 1, in: 2, out: 1,
      });
      const outsider = await t().tokenFor('checkpoint_staff', '934');
      const theirs = await t().request('GET', `/api/v1/declarations/summary?date=${today}`, { token: outsider });
      assert.ok(!theirs.body.items.some((item: { venueId: string }) => item.venueId === checkpoint.id));
    });

    test('rules: defaults at first; a health officer replaces them (audited) and new declarations follow them; bad rules 400 naming the field', async () => {
      const officer = await t().tokenFor('health_officer', '93');
      const initial = await t().request('GET', '/api/v1/declarations/rules', { token: officer });
      assert.equal(initial.body.source, 'default');
      assert.ok(initial.body.rules.some((rule: { reason: string }) => rule.reason === 'symptoms'));
      const bad = await t().request('PUT', '/api/v1/declarations/rules', { token: officer, body: { rules: [{ reason: 'x', flag: 'purple', when: { contactWithCase: true } }] } });
      assert.equal(bad.status, 400);
      assert.ok(bad.body.error.fields['rules[0].flag']);
      const empty = await t().request('PUT', '/api/v1/declarations/rules', { token: officer, body: { rules: [{ reason: 'x', flag: 'red', when: {} }] } });
      assert.ok(empty.body.error.fields['rules[0].when']);
      const rules = [{ reason: 'unvaccinated_entry', flag: 'red', when: { kindIn: ['entry'], vaccinationIn: ['none', 'one_dose'] } }];
      const put = await t().request('PUT', '/api/v1/declarations/rules', { token: officer, body: { rules, reason: 'Công văn 123/SYT' } });
      assert.equal(put.status, 200);
      assert.equal(put.body.source, 'custom');
      assert.deepEqual((await t().request('GET', '/api/v1/declarations/rules', { token: officer })).body.rules, rules);
      const flagged = await declare(buildDeclaration({ kind: 'entry', entry, vaccination: 'one_dose', symptoms: ['fever'] }));
      assert.deepEqual([flagged.body.flag, flagged.body.reasons], ['red', ['unvaccinated_entry']]);
      const audit = await t().request('GET', '/api/v1/audit?entity=declaration_rules', { token: t().adminToken });
      assert.equal(audit.body.items[0].reason, 'Công văn 123/SYT');
      assert.ok(audit.body.items[0].changes.rules);
      await t().db.query(`DELETE FROM settings WHERE key = 'declaration_triage_rules'`); // back to the defaults for the other tests
    });

    test('the retention purge deletes declarations made before the cutoff and returns the count', async () => {
      const old = await declare(buildDeclaration());
      const recent = await declare(buildDeclaration());
      await t().db.query(`UPDATE declarations SET declared_at = now() - interval '22 days' WHERE id = $1`, [old.body.id]);
      const cutoff = new Date(Date.now() - 21 * 86_400_000);
      const purged = await t().db.transaction((tx) => purgeDeclarations(tx, cutoff));
      assert.ok(purged >= 1);
      const left = await t().db.query<{ id: string }>('SELECT id FROM declarations WHERE id = ANY ($1::uuid[])', [[old.body.id, recent.body.id]]);
      assert.deepEqual(left.map((row) => row.id), [recent.body.id]);
      assert.equal(await t().db.transaction((tx) => purgeDeclarations(tx, cutoff)), 0);
    });
  });
}
