// One small interface over both engines, so every query in Vigil runs unchanged on PGlite and PostgreSQL.
export type EngineKind = 'pglite' | 'postgres';

export interface Queryable {
  /**
   * Runs one parameterised statement and returns its rows. `prepare` names a hot statement: on
   * PostgreSQL each connection plans it once and reuses the plan (PGlite plans in-process anyway).
   */
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<Row[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface QueryOptions {
  /** a name unique to this SQL text */
  prepare?: string;
}

export interface Database extends Queryable {
  readonly kind: EngineKind;
  /** Runs fn in one transaction: committed when fn resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Calls onNotify for each NOTIFY on channel (sent when the notifying transaction commits), and
   * once more whenever a lost listening connection is back, since what was sent meanwhile is lost:
   * the listener reads what it missed from a table, not from the notification. Resolves to the
   * function that stops listening.
   */
  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

// Both drivers are told to return the same JavaScript values: 64-bit integers and numerics
// as numbers (our counts and populations fit), dates as 'YYYY-MM-DD' strings (a date has no
// time zone, so it must not become a Date at local midnight), timestamps as Date.
export const TYPE_OIDS = { int8: 20, numeric: 1700, date: 1082 } as const;
export const parseInt8 = (value: string): number => Number(value);
export const parseDate = (value: string): string => value;
