// The outbox worker as its own process: `node --import tsx server/src/modules/notifications/worker-process.ts`.
// It reads the same environment as the server (DATABASE_URL, the VIGIL_SMS_/SMTP_/OUTBOX_ settings).
// With PostgreSQL, run as many as you like beside the servers. The embedded PGlite database opens in
// one process only, so there the worker runs inside the server (the default) and this is for a
// stopped server (draining the outbox) and for tests.
import { loadConfig } from '../../config.js';
import { connect } from '../../db/connect.js';
import { migrate } from '../../db/migrate.js';
import { loadNotificationConfig } from './config.js';
import { runOutboxWorker, type WorkerLog } from './worker.js';

// One JSON line per event, like the server's log.
const line = (level: number) => (object: object, message: string) => {
  const fields = Object.fromEntries(Object.entries(object).map(([key, value]) => [key, value instanceof Error ? { message: value.message } : value]));
  process.stdout.write(`${JSON.stringify({ level, time: Date.now(), pid: process.pid, ...fields, msg: message })}\n`);
};
const log: WorkerLog = { info: line(30), error: line(50) };

const config = loadConfig(process.env);
const notifications = loadNotificationConfig(process.env);
const db = await connect(config);
// Idempotent and serialised by an advisory lock: a worker started before any server finds its tables.
await migrate(db);

const controller = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => controller.abort());
log.info({ database: db.kind }, 'outbox worker started');
await runOutboxWorker({ db, config: notifications, log, signal: controller.signal });
await db.close();
log.info({}, 'outbox worker stopped');
