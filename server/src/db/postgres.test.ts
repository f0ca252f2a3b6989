// PostgreSQL only: the server may end idle connections (restart, failover, an administrator);
// Vigil must carry on with new connections, not crash.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { engines, testDatabase } from '../testing/databases.js';

if (engines().includes('postgres')) {
  describe('PostgreSQL connections', () => {
    test('an idle connection ended by the server does not stop the process; the next query reconnects', async () => {
      const database = await testDatabase('postgres');
      try {
        const [{ pid }] = await database.db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid') as [{ pid: number }];
        const warnings: string[] = [];
        const onWarning = (warning: Error) => warnings.push(warning.message);
        process.on('warning', onWarning);
        // another pool plays the administrator
        const admin = await database.reopen();
        const [killer] = await admin.query<{ ok: boolean }>('SELECT pg_terminate_backend($1) AS ok', [pid]);
        assert.equal(killer?.ok, true);
        await new Promise((resolve) => setTimeout(resolve, 300));
        process.off('warning', onWarning);
        const [row] = await database.db.query<{ one: number }>('SELECT 1 AS one');
        assert.equal(row?.one, 1);
        assert.ok(warnings.some((w) => w.includes('closed an idle connection')), warnings.join('; '));
      } finally {
        await database.drop();
      }
    });
  });
}
