import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';
import { buildPerson } from '../../testing/factories.js';
import { buildCheckin, buildVenue } from './factories.js';

// Single check-ins sent at the same moment are checked and written together (group commit); each
// request must still get exactly its own answer.
for (const engine of engines()) {
  describe(`single check-ins sent together (${engine})`, () => {
    const t = withTestApp(engine);
    const post = (body: unknown) => t().request('POST', '/api/v1/checkins', { token: t().adminToken, body });
    const created = async (url: string, body: unknown) => (await t().request('POST', url, { token: t().adminToken, body })).body as { id: string };

    test('good, bad and repeated check-ins in one moment: each answered on its own, only the good ones written, once', async () => {
      const venue = await created('/api/v1/venues', buildVenue());
      const people = await Promise.all(Array.from({ length: 30 }, () => created('/api/v1/people', buildPerson())));
      const good = people.map((p, i) => buildCheckin(venue.id, p.id, 10 + i));
      const retried = good[0]!;
      const unknownVenue = buildCheckin('00000000-0000-4000-8000-000000000000', people[1]!.id);
      const future = buildCheckin(venue.id, people[2]!.id, -60);
      const reusedId = { ...buildCheckin(venue.id, people[3]!.id, 5), id: good[4]!.id };

      const answers = await Promise.all([...good, retried, unknownVenue, future, reusedId].map(post));

      const goodAnswers = answers.slice(0, good.length);
      assert.ok(goodAnswers.every((a) => a.status === 201 || a.status === 200), JSON.stringify(goodAnswers.map((a) => a.status)));
      goodAnswers.forEach((a, i) => assert.equal(a.body.checkin.id, good[i]!.id));
      const [firstOfRetried, retry] = [answers[0]!, answers[good.length]!];
      // One of the two identical requests wrote the row; the other is a repeat of it.
      const counts = [firstOfRetried, retry].map((a) => [a.body.accepted as number, a.body.repeats as number]);
      assert.deepEqual(counts.sort(), [[0, 1], [1, 0]]);
      const [badVenue, inFuture, reused] = answers.slice(good.length + 1);
      assert.equal(badVenue!.status, 400);
      assert.deepEqual(Object.keys(badVenue!.body.error.fields), ['venueId']);
      assert.equal(inFuture!.status, 400);
      assert.match(inFuture!.body.error.fields.checkedInAt, /future/);
      // Whichever of the two requests with good[4]'s id won, the other is refused as a different check-in.
      const loser = reused!.status === 400 ? reused! : answers[4]!;
      assert.equal(loser.status, 400);
      assert.match(loser.body.error.fields.id, /already used for a different check-in/);

      const rows = await t().db.query<{ id: string }>('SELECT id FROM checkins WHERE venue_id = $1', [venue.id]);
      assert.equal(rows.length, good.length);
      assert.equal(new Set(rows.map((r) => r.id)).size, good.length);
    });

    test('a check-out sent with a repeat closes the visit, also when it arrives together with others', async () => {
      const venue = await created('/api/v1/venues', buildVenue());
      const [p1, p2] = [await created('/api/v1/people', buildPerson()), await created('/api/v1/people', buildPerson())];
      const open = buildCheckin(venue.id, p1.id, 40);
      assert.equal((await post(open)).status, 201);
      const closing = { ...open, checkedOutAt: new Date(Date.now() - 5 * 60_000).toISOString() };
      const [closed, other] = await Promise.all([post(closing), post(buildCheckin(venue.id, p2.id, 3))]);
      assert.deepEqual([closed.status, closed.body.checkedOut, closed.body.checkin.checkedOutAt], [200, 1, closing.checkedOutAt]);
      assert.equal(other.status, 201);
    });
  });
}
