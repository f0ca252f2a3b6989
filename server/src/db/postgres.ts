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
    listen: (channel, onNotify) => listenWithReconnect(connectionString, channel, onNotify),
    close: () => pool.end(),
  };
}

const RECONNECT_MS = 1000;

/** LISTEN on a connection of its own (the pool's connections come and go); a lost one is reopened. */
async function listenWithReconnect(connectionString: string, channel: string, onNotify: () => void): Promise<() => Promise<void>> {
  const state: { client: pg.Client | null; stopped: boolean; retry: NodeJS.Timeout | null } = { client: null, stopped: false, retry: null };
  const open = async () => {
    const next = new pg.Client({ connectionString });
    let lost = false;
    next.on('notification', (message) => {
      if (message.channel === channel) onNotify();
    });
    // A connection reports its loss once here, however many errors it emits.
    next.on('error', (error) => {
      if (lost) return;
      lost = true;
      process.emitWarning(`the LISTEN connection for ${channel} was lost: ${error.message}`);
      if (state.client === next) state.client = null;
      next.end().catch(() => undefined);
      reopenLater();
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch (error) {
      lost = true;
      await next.end().catch(() => undefined);
      throw error;
    }
    state.client = next;
  };
  const reopenLater = () => {
    if (state.stopped || state.retry) return;
    state.retry = setTimeout(() => {
      state.retry = null;
      if (state.stopped) return;
      open().then(onNotify, () => reopenLater()); // back: read what was missed
    }, RECONNECT_MS);
    state.retry.unref();
  };
  await open();
  return async () => {
    state.stopped = true;
    if (state.retry) clearTimeout(state.retry);
    await state.client?.end();
  };
}
