// Rows sent in batches of unnest() arrays (one statement per ~5,000 rows, on PGlite and PostgreSQL alike).
import type { Queryable } from '../../db/database.js';

export const BATCH_ROWS = 5_000;

export interface Column<Row> {
  name: string;
  /** PostgreSQL element type of the array parameter. */
  type: string;
  value: (row: Row) => unknown;
  /** SQL turning the unnested value (given as its column reference) into the stored one, e.g. a date[] from text. */
  sql?: (value: string) => string;
}

/** INSERT … SELECT FROM unnest($1::type[], …), batch by batch; `fixed` adds constant columns (SQL literals). */
export async function insertRows<Row>(tx: Queryable, table: string, columns: Column<Row>[], rows: readonly Row[], fixed: Record<string, string> = {}) {
  const names = [...columns.map((c) => c.name), ...Object.keys(fixed)].join(', ');
  const arrays = columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ');
  const constants = Object.values(fixed).map((literal) => `, ${literal}`).join('');
  const values = columns.map((c, i) => (c.sql ? c.sql(`u.c${i}`) : `u.c${i}`)).join(', ');
  const aliases = columns.map((_, i) => `c${i}`).join(', ');
  const sql = `INSERT INTO ${table} (${names}) SELECT ${values}${constants} FROM unnest(${arrays}) AS u(${aliases})`;
  for (let start = 0; start < rows.length; start += BATCH_ROWS) {
    const batch = rows.slice(start, start + BATCH_ROWS);
    await tx.query(sql, columns.map((c) => batch.map(c.value)));
  }
}
