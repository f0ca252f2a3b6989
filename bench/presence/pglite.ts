// PGlite from the tests' template (migrations and units in place), with both the raw PGlite
// (for COPY FROM '/dev/blob', which the Database interface does not offer) and a Database over
// the same instance for Vigil's own service functions.
import fs from 'node:fs';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { type Database, type Queryable, TYPE_OIDS, parseDate, parseInt8 } from '../../server/src/db/database.js';
import { preparePgliteTemplate } from '../../server/src/testing/databases.js';

function wrap(target: PGlite | Transaction): Queryable {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      return (await target.query<Row>(sql, params as unknown[])).rows;
    },
    async exec(sql: string) {
      await target.exec(sql);
    },
  };
}

/** A fresh in-memory PGlite copied from the test template, as raw PGlite and as Vigil's Database. */
export async function openTemplatePglite(): Promise<{ pg: PGlite; db: Database }> {
  const dump = new Blob([fs.readFileSync(await preparePgliteTemplate())]);
  const parsers = { [TYPE_OIDS.int8]: parseInt8, [TYPE_OIDS.numeric]: parseInt8, [TYPE_OIDS.date]: parseDate };
  const pg = await PGlite.create({ loadDataDir: dump, extensions: { postgis, pg_trgm }, parsers });
  const db: Database = {
    kind: 'pglite',
    ...wrap(pg),
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    close: () => pg.close(),
  };
  return { pg, db };
}
