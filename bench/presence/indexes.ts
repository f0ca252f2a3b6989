// Bulk loading on PostgreSQL: a table's indexes and foreign keys are dropped before COPY and
// rebuilt after it, exactly as they were defined (read from the catalogue). Building an index
// once over sorted data is several times faster than maintaining it row by row, and the foreign
// keys are still validated when they are added back (one join instead of a lookup per row).
import type pg from 'pg';

interface Saved {
  table: string;
  /** ALTER TABLE … ADD CONSTRAINT … / CREATE INDEX … statements, in the order to run them. */
  restore: string[];
}

/** Drops table's secondary indexes, its foreign keys, and its primary key when no other table references it. */
export async function dropIndexes(client: pg.Client, table: string): Promise<Saved> {
  const { rows: constraints } = await client.query<{ name: string; type: string; def: string; referenced: boolean }>(
    `SELECT c.conname AS name, c.contype AS type, pg_get_constraintdef(c.oid) AS def,
            EXISTS (SELECT 1 FROM pg_constraint r WHERE r.confrelid = c.conrelid AND r.contype = 'f' AND r.conrelid <> c.conrelid) AS referenced
       FROM pg_constraint c WHERE c.conrelid = $1::regclass AND c.contype IN ('p', 'f') ORDER BY c.contype DESC`,
    [table],
  );
  const dropped = constraints.filter((c) => c.type === 'f' || !c.referenced);
  const { rows: indexes } = await client.query<{ name: string; def: string }>(
    `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
      WHERE x.indrelid = $1::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)`,
    [table],
  );
  for (const c of dropped) await client.query(`ALTER TABLE ${table} DROP CONSTRAINT ${c.name}`);
  for (const index of indexes) await client.query(`DROP INDEX ${index.name}`);
  const primary = dropped.filter((c) => c.type === 'p').map((c) => `ALTER TABLE ${table} ADD CONSTRAINT ${c.name} ${c.def}`);
  const foreign = dropped.filter((c) => c.type === 'f').map((c) => `ALTER TABLE ${table} ADD CONSTRAINT ${c.name} ${c.def}`);
  return { table, restore: [...primary, ...indexes.map((index) => index.def), ...foreign] };
}

/** Rebuilds what dropIndexes dropped (with generous memory for the sorts). */
export async function restoreIndexes(client: pg.Client, saved: Saved): Promise<void> {
  await client.query(`SET maintenance_work_mem = '1GB'`);
  for (const statement of saved.restore) await client.query(statement);
  await client.query('RESET maintenance_work_mem');
}
