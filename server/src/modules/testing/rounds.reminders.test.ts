// Who was missed in a round (an audited read) and the reminders sent to them over HTTP: once per person
// and round, however often they are asked for.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';
import { HOUR, REASON, roundsKit } from './rounds.testkit.js';

for (const engine of engines()) {
  describe(`rounds: missed people and reminders (${engine})`, () => {
    const t = withTestApp(engine);
    const kit = roundsKit(t);

    /** Round 1 closed 28 hours ago, round 2 open until 44 hours from now, round 3 upcoming. */
    const running = async (memberCount: number, overrides: Record<string, unknown> = {}) => {
      const members = await kit.people(memberCount, overrides);
      const organisationId = await kit.organisation(members.map((personId, i) => ({ personId, team: i % 2 === 0 ? 'Ca sáng' : 'Ca chiều' })));
      const start = new Date(Date.now() - 100 * HOUR);
      const programme = await kit.programme({ organisationId, startsAt: start.toISOString() });
      return { members, organisationId, programme, at: (hours: number) => new Date(start.getTime() + hours * HOUR) };
    };
    const outbox = (programmeId: string) =>
      t().db.query<{ person_id: string; template: string; payload: Record<string, unknown>; recipient: string; channel: string }>(
        `SELECT person_id, template, payload, recipient, channel FROM outbox_messages WHERE dedupe_key LIKE $1 ORDER BY person_id`, [`testing-round:${programmeId}:%`],
      );

    test('the missed list needs a reason (400), testing:read (403) and scope (404); rounds not yet open are not found', async () => {
      const { programme } = await running(1);
      assert.equal((await kit.missed(programme.id, 2, '')).status, 400);
      assert.ok((await kit.missed(programme.id, 2, '?reason=x')).body.error.fields.reason);
      assert.equal((await kit.missed(programme.id, 2, undefined, await t().tokenFor('viewer', '93'))).status, 403);
      assert.equal((await kit.missed(programme.id, 2, undefined, await t().tokenFor('tracer', '934'))).status, 404);
      assert.equal((await kit.missed(programme.id, 2, undefined, await t().tokenFor('lab_technician', '930'))).status, 200);
      assert.equal((await kit.missed(programme.id, 3)).status, 404);
      assert.equal((await kit.missed(programme.id, 0)).status, 400);
      const ended = await kit.programme({ communeCode: '31318', startsAt: '2024-01-01T00:00:00.000Z', endsAt: '2024-01-04T00:00:00.000Z' });
      assert.equal((await kit.missed(ended.id, 1)).status, 200);
      assert.equal((await kit.missed(ended.id, 2)).status, 404);
    });

    test('the missed: by name, phone masked, why, their last test and team; the read is audited with its reason and count', async () => {
      const { members, programme, at } = await running(4);
      const [tested, invalid, earlier, never] = members as [string, string, string, string];
      await kit.negative(tested, at(80));
      await kit.invalid(invalid, at(81));
      await kit.negative(earlier, at(10));
      const page = await kit.expect(kit.missed(programme.id, 2), 200);
      assert.equal(page.total, 3);
      assert.deepEqual(page.round.state, 'open');
      const byId = new Map(page.items.map((item: { personId: string }) => [item.personId, item]));
      assert.deepEqual([...byId.keys()].sort(), [invalid, earlier, never].sort());
      const names = page.items.map((item: { fullName: string }) => item.fullName);
      assert.deepEqual(names, [...names].sort((a: string, b: string) => a.localeCompare(b, 'en')));
      const invalidItem = byId.get(invalid) as Record<string, unknown>;
      assert.equal(invalidItem.why, 'invalid_result');
      assert.match(invalidItem.phone as string, /^•+\d{3}$/);
      assert.equal(invalidItem.team, 'Ca chiều');
      assert.equal((byId.get(earlier) as Record<string, unknown>).lastSampledAt, at(10).toISOString());
      assert.deepEqual([(byId.get(never) as Record<string, unknown>).why, (byId.get(never) as Record<string, unknown>).lastSampledAt], ['not_sampled', null]);
      const [entry] = await t().db.query<{ reason: string; detail: Record<string, unknown> }>(
        `SELECT reason, detail FROM audit_log WHERE entity = 'testing_round_missed' AND entity_id = $1`, [programme.id],
      );
      assert.equal(entry?.reason, REASON);
      assert.deepEqual([entry?.detail.round, entry?.detail.returned, entry?.detail.total], [2, 3, 3]);
      const second = await kit.expect(kit.missed(programme.id, 2, `?reason=${encodeURIComponent(REASON)}&limit=1&offset=2`), 200);
      assert.deepEqual([second.total, second.items.length, second.items[0].fullName], [3, 1, names[2]]);
    });

    test('reminders: one SMS per missed person with a phone; sent again, nothing new; a newly missed person gets theirs', async () => {
      const { members, organisationId, programme, at } = await running(3);
      const withoutPhone = await kit.person({ phone: null });
      await kit.expect(t().request('POST', `/api/v1/organisations/${organisationId}/members`, { token: t().adminToken, body: { personId: withoutPhone } }), 204);
      await kit.negative(members[0]!, at(80));
      const first = await kit.expect(kit.remind(programme.id, 2), 200);
      const dueBy = at(144).toISOString();
      assert.deepEqual(first, { round: 2, dueBy, missed: 3, enqueued: 2, alreadyReminded: 0, withoutPhone: 1 });
      const messages = await outbox(programme.id);
      assert.deepEqual(messages.map((message) => message.person_id).sort(), [members[1], members[2]].sort());
      for (const message of messages) {
        assert.deepEqual([message.template, message.channel], ['testing_round_reminder', 'sms']);
        assert.deepEqual(message.payload, { programmeName: programme.name, roundNumber: 2, dueBy });
        assert.match(message.recipient, /^\+84\d{9,10}$/);
      }
      const again = await kit.expect(kit.remind(programme.id, 2), 200);
      assert.deepEqual(again, { round: 2, dueBy, missed: 3, enqueued: 0, alreadyReminded: 2, withoutPhone: 1 });
      assert.equal((await outbox(programme.id)).length, 2);

      const newcomer = await kit.person();
      await kit.expect(t().request('POST', `/api/v1/organisations/${organisationId}/members`, { token: t().adminToken, body: { personId: newcomer } }), 204);
      const third = await kit.expect(kit.remind(programme.id, 2), 200);
      assert.deepEqual([third.enqueued, third.alreadyReminded], [1, 2]);
      assert.equal((await outbox(programme.id)).length, 3);

      const round2 = await kit.round(programme.id, 2);
      assert.equal(round2.remindersSent, 3);
      const missed = await kit.expect(kit.missed(programme.id, 2), 200);
      const reminded = missed.items.filter((item: { remindedAt: string | null }) => item.remindedAt !== null).map((item: { personId: string }) => item.personId);
      assert.deepEqual(reminded.sort(), [members[1], members[2], newcomer].sort());
      const audits = await t().db.query<{ detail: Record<string, number> }>(
        `SELECT detail FROM audit_log WHERE entity = 'testing_round' AND action = 'remind' AND entity_id = $1 ORDER BY at`, [programme.id],
      );
      assert.deepEqual(audits.map((entry) => entry.detail.enqueued), [2, 0, 1]);
    });

    test('two reminder requests at once queue each message once', async () => {
      const { programme } = await running(4);
      const [a, b] = await Promise.all([kit.remind(programme.id, 2), kit.remind(programme.id, 2)]);
      assert.deepEqual([a.status, b.status], [200, 200]);
      assert.equal(Number(a.body.enqueued) + Number(b.body.enqueued), 4);
      assert.equal((await outbox(programme.id)).length, 4);
    });

    test('reminders need testing:manage (403) and scope (404), and a round that is open (409 closed, 404 upcoming)', async () => {
      const { programme } = await running(1);
      assert.equal((await kit.remind(programme.id, 2, await t().tokenFor('tracer', '930'))).status, 403);
      assert.equal((await kit.remind(programme.id, 2, await t().tokenFor('health_officer', '934'))).status, 404);
      const closed = await kit.remind(programme.id, 1);
      assert.equal(closed.status, 409);
      assert.match(closed.body.error.message, /round 1 has closed/);
      assert.equal((await kit.remind(programme.id, 3)).status, 404);
      assert.equal((await outbox(programme.id)).length, 0);
    });
  });
}
