// `vigil import places|zones|figures FILE`: the public map's data from files, through the same service
// functions as the staff import endpoints (all rows or none, the same checks). The command acts as the
// system actor (national scope, like `vigil import venues`); the audit log names it.
import fs from 'node:fs';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { SYSTEM_ACTOR } from '../platform/actor.js';
import { AppError, type FieldErrors, validationFailed } from '../platform/errors.js';
import { importPlacesCsv } from '../modules/places/import.js';
import { importFiguresCsv } from '../modules/stats/service.js';
import { schemaErrors } from '../modules/open/validate.js';
import { ImportZonesBody } from '../modules/zones/schema.js';
import { importZones } from '../modules/zones/service.js';

export type MapImportKind = 'places' | 'zones' | 'figures';
export const MAP_IMPORT_KINDS: readonly MapImportKind[] = ['places', 'zones', 'figures'];

/** What a command prints with --json: what was written, or why nothing was. */
export type MapImportResult =
  | { status: 'done'; created?: number; updated?: number; saved?: number; ids?: string[]; units?: string[]; dates?: string[] }
  | { status: 'failed'; message: string; problems: FieldErrors; problemCount: number };

function readText(file: string | undefined): string {
  if (!file) throw new AppError('validation_failed', 'name the file to import');
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    throw new AppError('validation_failed', `cannot read ${file}`);
  }
}

function zonesOf(file: string, text: string): ImportZonesBody {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new AppError('unprocessable', `${file} is not valid JSON: ${(error as Error).message}`);
  }
  // the check the HTTP route's body schema makes, with the same field names
  const fields = Object.fromEntries(Object.entries(schemaErrors(ImportZonesBody, value, '')).map(([field, reason]) => [field || 'file', reason]));
  if (Object.keys(fields).length > 0) throw validationFailed(fields, `${file} is not a GeoJSON FeatureCollection of zones`);
  return value as ImportZonesBody;
}

async function write(db: Database, config: Config, kind: MapImportKind, file: string, text: string): Promise<MapImportResult> {
  switch (kind) {
    case 'places':
      return { status: 'done', ...(await importPlacesCsv(db, SYSTEM_ACTOR, text, config.provinceBbox)) };
    case 'zones':
      return { status: 'done', ...(await importZones(db, SYSTEM_ACTOR, zonesOf(file, text), config.provinceBbox)) };
    case 'figures':
      return { status: 'done', ...(await importFiguresCsv(db, SYSTEM_ACTOR, text)) };
  }
}

/** Imports the file; a file with problems comes back as `failed` with each problem (nothing written). */
export async function importMapData(db: Database, config: Config, kind: MapImportKind, file: string | undefined): Promise<MapImportResult> {
  const text = readText(file);
  try {
    return await write(db, config, kind, file ?? '', text);
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'validation_failed' || !error.fields) throw error;
    const problems = error.fields;
    const count = Object.keys(problems).length;
    return { status: 'failed', message: `${file ?? ''}: nothing was imported: ${count} problem(s)`, problems, problemCount: count };
  }
}

/** The text the command prints: one line for what was written, or one line per problem. */
export function describeMapImport(kind: MapImportKind, result: MapImportResult): string {
  if (result.status === 'failed') return [result.message, ...Object.entries(result.problems).map(([field, reason]) => `  ${field}: ${reason}`)].join('\n');
  switch (kind) {
    case 'places':
      return `places: ${result.created ?? 0} added, ${result.updated ?? 0} updated`;
    case 'zones':
      return `zones: ${result.created ?? 0} added`;
    case 'figures': {
      const dates = result.dates ?? [];
      const span = dates.length ? ` (${dates[0] ?? ''}${dates.length > 1 ? ` to ${dates.at(-1) ?? ''}` : ''})` : '';
      return `figures: ${result.saved ?? 0} saved for ${result.units?.length ?? 0} unit(s)${span}`;
    }
  }
}
