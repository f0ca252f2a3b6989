// What every entry point does before it can serve: connect, migrate, load the unit tree, first admin.
import type { Config } from './config.js';
import { connect } from './db/connect.js';
import type { Database } from './db/database.js';
import { migrate } from './db/migrate.js';
import { seedUnits } from './modules/units/seed.js';
import { ensureAdmin } from './modules/users/service.js';

export interface Booted {
  db: Database;
  migrations: string[];
  unitsSeeded: number;
  admin: { created: boolean; generatedPassword: string | null };
}

export async function boot(config: Config): Promise<Booted> {
  const db = await connect(config);
  try {
    const migrations = await migrate(db);
    const unitsSeeded = await seedUnits(db);
    const admin = await ensureAdmin(db, config.adminPassword);
    return { db, migrations, unitsSeeded, admin };
  } catch (error) {
    await db.close();
    throw error;
  }
}
