import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createTestApp } from '../testing/app.js';
import { engines, testDatabase } from '../testing/databases.js';
import { buildPerson } from '../testing/factories.js';
import { findPersonInScope } from '../modules/people/repository.js';

for (const engine of engines()) {
  describe(`persistence across a restart (${engine})`, () => {
    test('an acknowledged write is there after the database is closed and opened again', async () => {
      const database = await testDatabase(engine, { onDisk: true });
      try {
        const first = await createTestApp(engine, {}, { ...database, drop: async () => database.db.close() });
        const created = await first.request('POST', '/api/v1/people', { token: first.adminToken, body: buildPerson({ fullName: 'Huỳnh Văn Bền' }) });
        assert.equal(created.status, 201);
        await first.close();

        const reopened = await database.reopen();
        const row = await findPersonInScope(reopened, created.body.id, null);
        assert.equal(row?.full_name, 'Huỳnh Văn Bền');
        const [audit] = await reopened.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'person' AND entity_id = $1`, [created.body.id]);
        assert.equal(audit!.n, 1, 'the audit row was committed with the change');
        await reopened.close();
      } finally {
        await database.drop();
      }
    });
  });
}
