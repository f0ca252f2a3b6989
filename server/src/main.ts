// config → database → migrations → app → listen
import { buildApp } from './app.js';
import { boot } from './boot.js';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import type { SeedDemoResult } from './modules/demo/seed.js';
import { schedulePurge } from './modules/checkins/retention.js';
import { startOutboxWorker } from './modules/notifications/worker.js';

export async function serve(config: Config, options: { seedDemo?: (db: Database) => Promise<SeedDemoResult | null> } = {}) {
  const { db, admin } = await boot(config);
  if (admin.generatedPassword) {
    // Printed once, on the first start only: the password is not stored anywhere in clear.
    process.stdout.write(`\nCreated user "admin" with password: ${admin.generatedPassword}\nChange it after signing in; it will not be shown again.\n\n`);
  }
  if (config.demo && options.seedDemo) {
    const demo = await options.seedDemo(db);
    if (demo) {
      process.stdout.write(`Demo province generated: ${demo.people} people in ${demo.households} households, ${demo.organisations} organisations, ${demo.venues} QR venues, ${demo.checkins} check-ins, ${demo.vaccination.doses} vaccine doses at ${demo.vaccination.sites} sites, ${demo.vaccination.sessions} coming vaccination sessions, ${demo.vaccination.registrations} registrations, ${demo.vaccination.bookings} bookings.\n` +
        `Demo staff (password "${demo.staffPassword}"): ${demo.staffUsers.join(', ')}\n\n`);
    }
  }
  const app = await buildApp(db, config);
  const stopPurge = schedulePurge(db, config.presenceRetentionDays, (result) => {
    if (result instanceof Error) app.log.error({ err: result }, 'presence purge failed');
    else app.log.info({ purge: result }, 'presence purge');
  });
  // Delivers the notification outbox from this process; more workers may run beside it (worker-process.ts).
  const stopOutbox = startOutboxWorker({ db, config: config.notifications, log: app.log });
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
  app.log.info(`Vigil ${address} on ${db.kind}`);
  return { app, db, address, shutdown };
}
