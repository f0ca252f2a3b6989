import pg from 'pg';
import { type Database, type Queryable, type QueryOptions, TYPE_OIDS, parseDate, parseInt8 } from './database.js';

const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
    if (oid === TYPE_OIDS.int8 || oid === TYPE_OIDS.numeric) return parseInt8;
    if (oid === TYPE_OIDS.date) return parseDate;
    // Every other type keeps pg's own parser (pg types the oid as its own enum; any oid is valid).
    // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment
    return pg.types.getTypeParser(oid, format) as (value: string) => unknown;
  },
};

function wrap(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = [], options: QueryOptions = {}) {
      const result = await client.query({ text: sql, values: params as unknown[], ...(options.prepare ? { name: options.prepare } : {}) });
      return result.rows as Row[];
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  };
}

export function openPostgres(connectionString: string, poolSize = 10): Database {
  const pool = new pg.Pool({ connectionString, max: poolSize, types });
  // An idle connection the server ends (a restart, a failover, an administrator) makes the pool emit
  // 'error'; unhandled, that would stop the whole process. The pool drops the dead connection and
  // opens a new one on the next query, so there is nothing else to do here.
  pool.on('error', (error) => {
    process.emitWarning(`PostgreSQL closed an idle connection: ${error.message}`);
  });
  return {
    kind: 'postgres',
    ...wrap(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
