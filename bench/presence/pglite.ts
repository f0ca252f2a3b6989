// PGlite from the tests' template (migrations and units in place), with both the raw PGlite
// (for COPY FROM '/dev/blob', which the Database interface does not offer) and a Database over
// the same instance for Vigil's own service functions.
import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { type Database, TYPE_OIDS, parseDate, parseInt8 } from '../../server/src/db/database.js';
import { asDatabase } from '../../server/src/db/pglite.js';
import { preparePgliteTemplate } from '../../server/src/testing/databases.js';

/** A fresh in-memory PGlite copied from the test template, as raw PGlite and as Vigil's Database. */
export async function openTemplatePglite(): Promise<{ pg: PGlite; db: Database }> {
  const dump = new Blob([fs.readFileSync(await preparePgliteTemplate())]);
  const parsers = { [TYPE_OIDS.int8]: parseInt8, [TYPE_OIDS.numeric]: parseInt8, [TYPE_OIDS.date]: parseDate };
  const pg = await PGlite.create({ loadDataDir: dump, extensions: { postgis, pg_trgm }, parsers });
  return { pg, db: asDatabase(pg) };
}
