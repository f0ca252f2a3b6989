// config → database → migrations → app → listen. With VIGIL_WORKERS above 1 (PostgreSQL only), this
// process prepares the database once and forks that many workers that share the port (Node's
// cluster): one Node process runs one core, and a busy server has more. The workers share what
// must be shared through the database: live events (platform/events.ts), group commits and rows;
// what each keeps in memory (verified tokens, rate-limit counters) is per process.
import cluster, { type Worker } from 'node:cluster';
import { buildApp } from './app.js';
import { type Booted, boot } from './boot.js';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import type { SeedDemoResult } from './modules/demo/seed.js';
import { schedulePurge } from './modules/checkins/retention.js';
import { startOutboxWorker } from './modules/notifications/worker.js';

type SeedDemo = (db: Database) => Promise<SeedDemoResult | null>;

/** How long a worker that stopped unasked is left down before it is forked again. */
const REFORK_MS = 1000;

export async function serve(config: Config, options: { seedDemo?: SeedDemo } = {}) {
  if (config.workers > 1 && cluster.isPrimary) return servePrimary(config, options);
  const booted = await boot(config);
  const { db } = booted;
  if (cluster.isPrimary) await firstStart(booted, config, options.seedDemo);
  const app = await buildApp(db, config);
  // Background work runs in one process only: the single one, or the first worker.
  const background = cluster.isPrimary || process.env.VIGIL_WORKER_INDEX === '0';
  const stopPurge = background
    ? schedulePurge(db, config.presenceRetentionDays, (result) => {
      if (result instanceof Error) app.log.error({ err: result }, 'presence purge failed');
      else app.log.info({ purge: result }, 'presence purge');
    })
    : () => undefined;
  // Delivers the notification outbox from this process; more workers may run beside it (worker-process.ts).
  const stopOutbox = background ? startOutboxWorker({ db, config: config.notifications, log: app.log }) : () => Promise.resolve();
  const shutdown = async () => {
    stopPurge();
    await stopOutbox();
    await app.close();
    await db.close();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      app.log.info({ signal }, 'shutting down');
      shutdown().then(() => process.exit(0), () => process.exit(1));
    });
  }
  const address = await app.listen({ port: config.port, host: config.host });
  app.log.info(`Vigil ${address} on ${db.kind}${cluster.isWorker ? ` (worker ${process.env.VIGIL_WORKER_INDEX})` : ''}`);
  return { app, db, address, shutdown };
}

/** What only the first start does: tell the generated admin password, seed the demo province. */
async function firstStart({ db, admin }: Booted, config: Config, seedDemo: SeedDemo | undefined) {
  if (admin.generatedPassword) {
    // Printed once, on the first start only: the password is not stored anywhere in clear.
    process.stdout.write(`\nCreated user "admin" with password: ${admin.generatedPassword}\nChange it after signing in; it will not be shown again.\n\n`);
  }
  if (config.demo && seedDemo) {
    const demo = await seedDemo(db);
    if (demo) {
      process.stdout.write(`Demo province generated: ${demo.people} people in ${demo.households} households, ${demo.organisations} organisations, ${demo.venues} QR venues, ${demo.checkins} check-ins, ${demo.vaccination.doses} vaccine doses at ${demo.vaccination.sites} sites, ${demo.vaccination.sessions} coming vaccination sessions, ${demo.vaccination.registrations} registrations, ${demo.vaccination.bookings} bookings.\n` +
        `Demo staff (password "${demo.staffPassword}"): ${demo.staffUsers.join(', ')}\n\n`);
    }
  }
}

/** The primary of several workers: prepares the database, forks, forks again what stops unasked, and stops them all on a signal. */
async function servePrimary(config: Config, options: { seedDemo?: SeedDemo }) {
  const booted = await boot(config);
  try {
    await firstStart(booted, config, options.seedDemo);
  } finally {
    await booted.db.close();
  }
  const workers = new Map<number, Worker>();
  let stopping = false;
  const fork = (index: number) => new Promise<string>((resolve) => {
    const worker = cluster.fork({ VIGIL_WORKER_INDEX: String(index) });
    workers.set(index, worker);
    worker.once('listening', (address) => resolve(`http://${config.host}:${address.port}`));
    worker.once('exit', (code, signal) => {
      workers.delete(index);
      if (stopping) return;
      process.stderr.write(`Vigil worker ${index} stopped (exit code ${String(code)}, signal ${signal}); starting it again\n`);
      setTimeout(() => void fork(index), REFORK_MS);
    });
  });
  const addresses = await Promise.all(Array.from({ length: config.workers }, (_, index) => fork(index)));
  const shutdown = async () => {
    stopping = true;
    await Promise.all([...workers.values()].map((worker) => new Promise<void>((resolve) => {
      worker.once('exit', () => resolve());
      worker.process.kill('SIGTERM');
    })));
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      shutdown().then(() => process.exit(0), () => process.exit(1));
    });
  }
  process.stdout.write(`Vigil ${addresses[0]} on postgres, ${config.workers} workers\n`);
  return { address: addresses[0]!, shutdown };
}
