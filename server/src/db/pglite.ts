import { PGlite, type Transaction } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { type Database, type Queryable, TYPE_OIDS, parseDate, parseInt8 } from './database.js';

const extensions = { postgis, pg_trgm };
const parsers = { [TYPE_OIDS.int8]: parseInt8, [TYPE_OIDS.numeric]: parseInt8, [TYPE_OIDS.date]: parseDate };

function wrap(target: PGlite | Transaction): Queryable {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      const result = await target.query<Row>(sql, params as unknown[]);
      return result.rows;
    },
    async exec(sql: string) {
      await target.exec(sql);
    },
  };
}

/** Vigil's Database over an open PGlite. */
export function asDatabase(pg: PGlite): Database {
  return {
    kind: 'pglite',
    ...wrap(pg),
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    // One process, one connection: a notification is never lost, so there is nothing to reconnect.
    listen: async (channel, onNotify) => {
      const stop = await pg.listen(channel, () => onNotify());
      return () => stop();
    },
    close: () => pg.close(),
  };
}

/** Opens (or creates) the embedded database stored in dataDir; 'memory://' keeps it in memory. */
export async function openPglite(dataDir: string): Promise<Database> {
  const pg = await PGlite.create(dataDir, { extensions, parsers });
  return asDatabase(pg);
}

/** Opens a database from a dump made by dumpPglite (test templates): in memory, or into a new dataDir. */
export async function openPgliteFromDump(dump: Blob, dataDir?: string): Promise<Database> {
  const pg = await PGlite.create({ dataDir, loadDataDir: dump, extensions, parsers });
  return asDatabase(pg);
}

export async function dumpPglite(dataDir: string): Promise<Blob> {
  const pg = await PGlite.create(dataDir, { extensions, parsers });
  try {
    return await pg.dumpDataDir('none');
  } finally {
    await pg.close();
  }
}
