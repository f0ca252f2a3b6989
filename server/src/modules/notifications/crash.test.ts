// The outbox under failure: a worker process killed mid-delivery, and workers racing for messages.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Database, EngineKind } from '../../db/database.js';
import { openPglite, openPgliteFromDump } from '../../db/pglite.js';
import { openPostgres } from '../../db/postgres.js';
import { engines, preparePgliteTemplate, testDatabase } from '../../testing/databases.js';
import { enqueued, stateOf, testConfig } from './factories.js';
import { startSmsGateway } from './test-servers.js';
import { createOutboxWorker } from './worker.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const ENTRY = 'server/src/modules/notifications/worker-process.ts';
// The first delivery must not time out before the test kills its worker; the lease (what a dead worker
// leaves behind) must outlast reopening PGlite in this process (about 3 s, several times that on a
// loaded machine: 8 s was once too short) so the test can see it held.
const LEASE_MS = 15_000;
const WORKER_ENV = { VIGIL_OUTBOX_INTERVAL_MS: '50', VIGIL_OUTBOX_SEND_TIMEOUT_MS: '2000', VIGIL_OUTBOX_LEASE_MS: String(LEASE_MS) };

/**
 * A database a worker process can open too: PostgreSQL by URL; PGlite in a folder (one process at
 * a time, so the test closes its handle while a worker process runs).
 */
async function sharedDatabase(engine: EngineKind): Promise<{ env: Record<string, string>; open: () => Promise<Database>; drop: () => Promise<void> }> {
  if (engine === 'postgres') {
    const created = await testDatabase('postgres');
    const [{ name }] = await created.db.query<{ name: string }>('SELECT current_database() AS name') as [{ name: string }];
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/${name}`;
    return { env: { DATABASE_URL: url.href }, open: () => Promise.resolve(openPostgres(url.href, 3)), drop: () => created.drop() };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-outbox-'));
  await (await openPgliteFromDump(new Blob([fs.readFileSync(await preparePgliteTemplate())]), path.join(dir, 'pglite'))).close();
  return {
    env: { DATABASE_URL: '', DATA_DIR: dir },
    open: () => openPglite(path.join(dir, 'pglite')),
    drop: () => Promise.resolve(fs.rmSync(dir, { recursive: true, force: true })),
  };
}

const running = new Set<ChildProcess>();
after(() => {
  // a failed test must not leave its worker behind (it would keep this test process alive)
  for (const child of running) child.kill('SIGKILL');
});

function startWorkerProcess(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY], { cwd: ROOT, env: { ...process.env, ...WORKER_ENV, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  running.add(child);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => {
    running.delete(child);
    resolve(code);
  }));
  return { child, output: () => output, exited };
}

for (const engine of engines()) {
  describe(`outbox workers under failure (${engine})`, () => {
    test('a worker killed while the gateway holds its request: after the lease another sends it again with the same id, and the person receives it once', async () => {
      const shared = await sharedDatabase(engine);
      // the first request is accepted by the gateway but never answered: the worker dies waiting
      const gateway = await startSmsGateway((_request, index) => (index === 0 ? 'hold' : { status: 200 }));
      const env = { ...shared.env, VIGIL_SMS_GATEWAY_URL: gateway.url };
      try {
        let db = await shared.open();
        const { id } = await enqueued(db);
        await db.close();

        const first = startWorkerProcess(env);
        await gateway.received(1).catch((error: unknown) => assert.fail(`${String(error)}\n${first.output()}`));
        first.child.kill('SIGKILL');
        assert.equal(await first.exited, null, 'killed by the signal');

        db = await shared.open();
        const held = await stateOf(db, id);
        assert.deepEqual({ status: held.status, attempts: held.attempts }, { status: 'sending', attempts: 1 });
        // Until its lease ends, the dead worker's message is left alone.
        assert.equal(await createOutboxWorker({ db, config: testConfig({ VIGIL_SMS_GATEWAY_URL: gateway.url }) }).runOnce(), 0);
        await db.close();

        const second = startWorkerProcess(env);
        await gateway.received(2, 45_000).catch((error: unknown) => assert.fail(`${String(error)}\n${second.output()}`));
        // Stopped politely while its delivery is in flight, it records the outcome before it exits.
        second.child.kill('SIGTERM');
        assert.equal(await second.exited, 0, second.output());

        db = await shared.open();
        const done = await stateOf(db, id);
        await db.close();
        assert.deepEqual({ status: done.status, attempts: done.attempts, ref: done.provider_ref }, { status: 'sent', attempts: 2, ref: 'gw-1' });
        // not before the dead worker's lease ended (same machine, same clock; 50 ms for rounding)
        assert.ok(gateway.requests[1]!.at >= held.next_attempt_at.getTime() - 50, `sent again ${held.next_attempt_at.getTime() - gateway.requests[1]!.at} ms before the lease ended`);
        assert.deepEqual(gateway.requests.map((request) => request.headers['idempotency-key']), [id, id]);
        assert.deepEqual(gateway.requests.map((request) => JSON.parse(request.body.toString()).id), [id, id]);
        assert.deepEqual(gateway.toPerson.map((received) => received.key), [id], 'the person received it once');
      } finally {
        await gateway.close();
        await shared.drop();
      }
    });

    test('two workers running together never send one message twice', async () => {
      const shared = await sharedDatabase(engine);
      const gateway = await startSmsGateway(() => ({ status: 200 }));
      const [dbA, dbB] = [await shared.open(), engine === 'postgres' ? await shared.open() : null];
      try {
        const ids = new Set<string>();
        for (let i = 0; i < 40; i++) ids.add((await enqueued(dbA)).id);
        const sentBy = new Map<string, number>();
        const run = async (db: Database, name: string) => {
          const log = { info: () => sentBy.set(name, (sentBy.get(name) ?? 0) + 1), error: () => undefined };
          const worker = createOutboxWorker({ db, config: testConfig({ VIGIL_SMS_GATEWAY_URL: gateway.url, VIGIL_OUTBOX_BATCH: '4' }), log, workerId: name });
          while ((await worker.runOnce()) > 0);
          worker.close();
        };
        // On PGlite both share its one connection; on PostgreSQL each has its own pool, as two nodes would.
        await Promise.all([run(dbA, 'a'), run(dbB ?? dbA, 'b')]);
        const keys = gateway.requests.map((request) => String(request.headers['idempotency-key']));
        assert.equal(keys.length, 40);
        assert.deepEqual(new Set(keys), ids);
        assert.ok((sentBy.get('a') ?? 0) > 0 && (sentBy.get('b') ?? 0) > 0, `both workers delivered: ${JSON.stringify([...sentBy])}`);
        const [{ n }] = await dbA.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox_messages WHERE status = 'sent' AND attempts = 1`) as [{ n: number }];
        assert.equal(n, 40);
      } finally {
        await gateway.close();
        await dbA.close();
        await dbB?.close();
        await shared.drop();
      }
    });
  });
}
