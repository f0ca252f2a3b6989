// CSV import of thousands of venues at once. The request returns a job at once; the job checks every
// row (schema, commune and scope, position), reporting progress, then writes all rows in one
// transaction, or none when any row has a problem. Progress lives in the database (import_jobs),
// so any node can answer "how far is it".
import { Type, type Static } from 'typebox';
import type { Bbox } from '../../config.js';
import type { Database } from '../../db/database.js';
import { type Actor, requirePermission } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { type FieldErrors, notFound } from '../../platform/errors.js';
import { parseCsv } from '../open/csv.js';
import { converted, importCodeProblems, schemaErrors } from '../open/validate.js';
import { VENUES_EDIT } from './permissions.js';
import { CreateVenueBody } from './schema.js';
import { venueValues, venuesProblems } from './venues.js';
import * as repo from './venues.repository.js';

export const MAX_IMPORT_ROWS = 20_000;
const CHUNK = 500;
const MAX_REPORTED_PROBLEMS = 1000;

export const CSV_COLUMNS = ['code', 'name', 'kind', 'address', 'commune_code', 'lat', 'lon', 'owner_name', 'owner_phone', 'default_dwell_minutes'];
const COLUMN_FIELDS: Record<string, string> = {
  code: 'code', name: 'name', kind: 'kind', address: 'address', commune_code: 'communeCode', communecode: 'communeCode',
  lat: 'lat', latitude: 'lat', lon: 'lon', lng: 'lon', longitude: 'lon', owner_name: 'ownerName', ownername: 'ownerName',
  owner_phone: 'ownerPhone', ownerphone: 'ownerPhone', default_dwell_minutes: 'defaultDwellMinutes', defaultdwellminutes: 'defaultDwellMinutes',
};

export const ImportJob = Type.Object({
  id: Type.String({ format: 'uuid' }),
  status: Type.Enum(['checking', 'writing', 'done', 'failed']),
  total: Type.Integer({ description: 'rows in the file' }),
  processed: Type.Integer({ description: 'rows checked (while checking) or written (while writing)' }),
  created: Type.Optional(Type.Integer()),
  updated: Type.Optional(Type.Integer()),
  problems: Type.Optional(Type.Record(Type.String(), Type.String(), { description: 'per-row problems ("lines[3].kind": "…"); nothing was written' })),
  problemCount: Type.Optional(Type.Integer()),
  message: Type.Optional(Type.String()),
});
export type ImportJob = Static<typeof ImportJob>;

interface JobRow {
  id: string;
  status: ImportJob['status'];
  total: number;
  processed: number;
  actor_id: string;
  result: { created?: number; updated?: number; problems?: FieldErrors; problemCount?: number; message?: string } | null;
}

const presentJob = (row: JobRow): ImportJob => ({ id: row.id, status: row.status, total: row.total, processed: row.processed, ...(row.result ?? {}) });

function rowInput(values: Record<string, string>, line: number, fields: FieldErrors) {
  const flat: Record<string, string> = {};
  for (const [column, cell] of Object.entries(values)) {
    const field = COLUMN_FIELDS[column.toLowerCase()];
    if (!field) fields[`lines[${line}].${column}`] ??= `is not a known column (known: ${CSV_COLUMNS.join(', ')})`;
    else if (cell !== '') flat[field] = cell;
  }
  const { lat, lon, ...rest } = flat;
  return { ...rest, location: { lat, lon } };
}

/** Parses the file (a malformed file answers 400 at once) and starts the job; `done` settles when it ends. */
export async function startVenueImport(db: Database, actor: Actor, text: string, box: Bbox): Promise<{ job: ImportJob; done: Promise<ImportJob> }> {
  requirePermission(actor, VENUES_EDIT);
  const records = parseCsv(text, MAX_IMPORT_ROWS);
  const [row] = await db.query<JobRow>(
    `INSERT INTO import_jobs (kind, actor_id, total) VALUES ('venues', $1, $2) RETURNING id, status, total, processed, actor_id, result`,
    [actor.userId, records.length],
  );
  const done = runImport(db, actor, row!.id, records, box).catch(async (error: unknown) => {
    await finish(db, row!.id, 'failed', { message: `the import stopped: ${(error as Error).message}` });
    return getImportJob(db, actor, row!.id);
  });
  return { job: presentJob(row!), done };
}

async function progress(db: Database, id: string, status: ImportJob['status'], processed: number) {
  await db.query('UPDATE import_jobs SET status = $2, processed = $3, updated_at = now() WHERE id = $1', [id, status, processed]);
}

async function finish(db: Database, id: string, status: 'done' | 'failed', result: JobRow['result']) {
  await db.query('UPDATE import_jobs SET status = $2, result = $3, updated_at = now() WHERE id = $1', [id, status, JSON.stringify(result)]);
}

async function runImport(db: Database, actor: Actor, jobId: string, records: ReturnType<typeof parseCsv>, box: Bbox): Promise<ImportJob> {
  const fields: FieldErrors = {};
  const rows: { line: number; values: repo.VenueValues }[] = [];
  for (let start = 0; start < records.length; start += CHUNK) {
    const chunk = records.slice(start, start + CHUNK);
    const valid: { line: number; values: repo.VenueValues }[] = [];
    for (const { line, values } of chunk) {
      const input = converted(CreateVenueBody, rowInput(values, line, fields));
      const problems = schemaErrors(CreateVenueBody, input, `lines[${line}]`);
      if (Object.keys(problems).length > 0) Object.assign(fields, problems);
      else valid.push({ line, values: venueValues(input) });
    }
    Object.assign(fields, await venuesProblems(db, actor, valid.map((v) => v.values), (i, field) => `lines[${valid[i]!.line}].${field}`, box));
    rows.push(...valid);
    await progress(db, jobId, 'checking', Math.min(start + CHUNK, records.length));
  }
  const codes = await importCodeProblems(db, actor, rows, repo.idsByCode, 'venue');
  Object.assign(fields, codes.fields);
  const existing = codes.existing;
  const problemCount = Object.keys(fields).length;
  if (problemCount > 0) {
    const problems = Object.fromEntries(Object.entries(fields).slice(0, MAX_REPORTED_PROBLEMS));
    await finish(db, jobId, 'failed', { problems, problemCount, message: `nothing was imported: ${problemCount} problem(s) in the file` });
    return getImportJob(db, actor, jobId);
  }

  await progress(db, jobId, 'writing', 0);
  const result = await db.transaction(async (tx) => {
    let created = 0;
    let updated = 0;
    for (const { values } of rows) {
      const known = values.code ? existing.get(values.code) : undefined;
      if (known) {
        await repo.updateVenue(tx, known.id, values);
        updated += 1;
      } else {
        await repo.insertVenue(tx, values);
        created += 1;
      }
    }
    await audit(tx, actor, { action: 'import', entity: 'venue', detail: { created, updated, rows: rows.length } });
    return { created, updated };
  });
  await progress(db, jobId, 'done', records.length);
  await finish(db, jobId, 'done', result);
  return getImportJob(db, actor, jobId);
}

/** A job's progress; only the user who started it (or an administrator) sees it. */
export async function getImportJob(db: Database, actor: Actor, id: string): Promise<ImportJob> {
  const [row] = await db.query<JobRow>('SELECT id, status, total, processed, actor_id, result FROM import_jobs WHERE id = $1 AND kind = $2', [id, 'venues']);
  if (!row || (row.actor_id !== actor.userId && actor.role !== 'admin')) throw notFound('import job');
  return presentJob(row);
}
