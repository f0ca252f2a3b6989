// The service functions directly on each engine: what the CLI imports and other modules use.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { AppError } from '../../platform/errors.js';
import type { EventPublisher } from '../../platform/events.js';
import { engines, testDatabase, type TestDatabase } from '../../testing/databases.js';
import { listUnits } from '../units/service.js';
import { createDraft, publishAssessment } from './assessments.js';
import { currentLevels, saveInputs } from './service.js';

const recorder = () => {
  const events: { type: string; data: unknown }[] = [];
  const publisher: EventPublisher = { publish: (type, data) => (events.push({ type, data }), { id: events.length, type, at: '', data }) };
  return { events, publisher };
};

for (const engine of engines()) {
  describe(`levels services (${engine})`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await testDatabase(engine);
    });
    after(async () => database.drop());

    test('the system (an import, later the cases module) enters figures, computes and publishes; the event follows the commit only', async () => {
      const db = database.db;
      const units = (await listUnits(db, {})).filter((u) => u.code === '930' || u.parentCode === '930');
      const figures = units.map((u) => (u.level === 'commune'
        ? { code: u.code, newCommunityCases7d: 0, population: 5_000, adultsFirstDoseShare: 0.75, capacityMet: true }
        : { code: u.code, capacityMet: true }));
      await saveInputs(db, SYSTEM_ACTOR, '2021-W50', { units: figures });
      const draft = await createDraft(db, SYSTEM_ACTOR, { week: '2021-W50', unitCode: '930' });
      assert.deepEqual(new Set(draft.results.map((r) => r.level)), new Set([1]));
      assert.ok(draft.results.every((r) => r.reasons.some((reason) => reason.code === 'elderly_no_cases')), 'no cases: the elderly share was not needed');

      const { events, publisher } = recorder();
      await publishAssessment(db, SYSTEM_ACTOR, draft.id, { effectiveFrom: '2021-12-20' }, publisher);
      await assert.rejects(publishAssessment(db, SYSTEM_ACTOR, draft.id, { effectiveFrom: '2021-12-20' }, publisher), (error: unknown) => error instanceof AppError && error.status === 409);
      assert.deepEqual(events.map((e) => e.type), ['levels.published'], 'the refused second publication raised nothing');
      const current = await currentLevels(db, '2021-12-20');
      assert.equal(current.items.length, units.length);
    });
  });
}
