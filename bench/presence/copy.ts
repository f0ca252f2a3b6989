// COPY of generated rows: on PostgreSQL through pg-copy-streams (COPY … FROM STDIN, streamed
// with back-pressure), on PGlite as COPY … FROM '/dev/blob' one chunk at a time. Rows are
// encoded in COPY's text format.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { GeneratedCheckin } from './checkins.js';
import type { GeneratedPerson } from './people.js';
import type { GeneratedVenue } from './venues.js';

/** Where rows go: a PostgreSQL database by URL, or a PGlite instance. */
export type CopyTarget = { kind: 'postgres'; url: string } | { kind: 'pglite'; pg: PGlite };

/** A text value in COPY text format (NULL is \N). */
export function copyText(value: string | null): string {
  if (value === null) return '\\N';
  return /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!) : value;
}

const iso = (ms: number | null) => (ms === null ? '\\N' : new Date(ms).toISOString());

export const CHECKIN_COLUMNS = ['id', 'venue_id', 'person_id', 'checked_in_at', 'checked_out_at', 'method', 'received_at'];
export const checkinLine = (c: GeneratedCheckin) =>
  `${c.id}\t${c.venueId}\t${c.personId}\t${iso(c.checkedInAt)}\t${iso(c.checkedOutAt)}\t${c.method}\t${iso(c.receivedAt)}\n`;

export const PERSON_COLUMNS = ['id', 'full_name', 'name_folded', 'birth_year', 'sex', 'phone', 'commune_code', 'is_demo'];
export const personLine = (p: GeneratedPerson) =>
  `${p.id}\t${copyText(p.fullName)}\t${copyText(p.nameFolded)}\t${p.birthYear}\t${p.sex}\t${copyText(p.phone)}\t${p.communeCode}\tt\n`;

export const VENUE_COLUMNS = ['id', 'code', 'name', 'kind', 'address', 'commune_code', 'position', 'default_dwell_minutes', 'is_demo'];
export const venueLine = (v: GeneratedVenue) =>
  `${v.id}\t${copyText(v.code)}\t${copyText(v.name)}\t${v.kind}\t${copyText(v.address)}\t${v.communeCode}\tSRID=4326;POINT(${v.lon} ${v.lat})\t${v.defaultDwellMinutes}\tt\n`;

/** Joins lines into chunks of about `rows` lines (fewer, larger writes). */
function* chunks(lines: Iterable<string>, rows: number): Generator<string> {
  let chunk = '';
  let n = 0;
  for (const line of lines) {
    chunk += line;
    if (++n === rows) {
      yield chunk;
      chunk = '';
      n = 0;
    }
  }
  if (chunk) yield chunk;
}

function* encode<T>(rows: Iterable<T>, line: (row: T) => string, counter: { rows: number }): Generator<string> {
  for (const row of rows) {
    counter.rows++;
    yield line(row);
  }
}

/**
 * COPY rows into table (columns). On PostgreSQL a client of its own (so COPY runs while the
 * caller's pool is idle); `client` may be given to COPY inside the caller's session instead.
 * Returns the number of rows sent.
 */
export async function copyRows<T>(target: CopyTarget, table: string, columns: readonly string[], rows: Iterable<T>, line: (row: T) => string, client?: pg.Client): Promise<number> {
  const counter = { rows: 0 };
  const sql = `COPY ${table} (${columns.join(', ')}) FROM STDIN`;
  if (target.kind === 'postgres') {
    const own = client ?? new pg.Client({ connectionString: target.url });
    if (!client) await own.connect();
    try {
      await pipeline(Readable.from(chunks(encode(rows, line, counter), 500)), own.query(copyFrom(sql)));
    } finally {
      if (!client) await own.end();
    }
  } else {
    const blobSql = `COPY ${table} (${columns.join(', ')}) FROM '/dev/blob'`;
    for (const chunk of chunks(encode(rows, line, counter), 50_000)) {
      await target.pg.query(blobSql, [], { blob: new Blob([chunk]) });
    }
  }
  return counter.rows;
}
