// Bulk import of places from CSV: every row is checked first (schema, commune and scope,
// position inside the province); then all rows are written in one transaction, or none.
// A row with a `code` already known updates that place; otherwise a place is created.
import type { Bbox } from '../../config.js';
import type { Database } from '../../db/database.js';
import { type Actor, requirePermission } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { type FieldErrors, validationFailed } from '../../platform/errors.js';
import { parseCsv } from '../open/csv.js';
import { converted, importCodeProblems, schemaErrors } from '../open/validate.js';
import { PLACES_EDIT } from './permissions.js';
import * as repo from './repository.js';
import { CreatePlaceBody, type ImportResult } from './schema.js';
import { placeProblems, valuesOf } from './service.js';

/** CSV header → field (snake_case and camelCase both accepted). */
const COLUMN_FIELDS: Record<string, keyof CreatePlaceBody> = {
  code: 'code', kind: 'kind', name: 'name', address: 'address', commune_code: 'communeCode', communecode: 'communeCode',
  lat: 'lat', latitude: 'lat', lon: 'lon', lng: 'lon', longitude: 'lon', opening_hours: 'openingHours', openinghours: 'openingHours',
  phone: 'phone', capacity: 'capacity', status: 'status', valid_from: 'validFrom', validfrom: 'validFrom', valid_to: 'validTo',
  validto: 'validTo', notes: 'notes',
};

export const CSV_COLUMNS = ['code', 'kind', 'name', 'address', 'commune_code', 'lat', 'lon', 'opening_hours', 'phone', 'capacity', 'status', 'valid_from', 'valid_to', 'notes'];

function recordToInput(values: Record<string, string>, line: number, fields: FieldErrors): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [column, cell] of Object.entries(values)) {
    const field = COLUMN_FIELDS[column.toLowerCase()];
    if (!field) {
      fields[`lines[${line}].${column}`] ??= `is not a known column (known: ${CSV_COLUMNS.join(', ')})`;
      continue;
    }
    if (cell !== '') input[field] = cell;
  }
  return input;
}

export async function importPlacesCsv(db: Database, actor: Actor, text: string, provinceBbox: Bbox): Promise<ImportResult> {
  requirePermission(actor, PLACES_EDIT);
  const records = parseCsv(text);
  const fields: FieldErrors = {};
  const rows: { line: number; values: repo.PlaceValues }[] = [];
  for (const { line, values } of records) {
    const input = converted(CreatePlaceBody, recordToInput(values, line, fields));
    const problems = schemaErrors(CreatePlaceBody, input, `lines[${line}]`);
    if (Object.keys(problems).length > 0) {
      Object.assign(fields, problems);
      continue;
    }
    const placeValues = valuesOf(input);
    Object.assign(fields, await placeProblems(db, actor, placeValues, provinceBbox, (field) => `lines[${line}].${field}`));
    rows.push({ line, values: placeValues });
  }
  const codes = await importCodeProblems(db, actor, rows, repo.idsByCode, 'place');
  Object.assign(fields, codes.fields);
  const existing = codes.existing;
  if (Object.keys(fields).length > 0) throw validationFailed(fields, `the CSV file was not imported: ${Object.keys(fields).length} problem(s); ${Object.entries(fields).slice(0, 10).map(([f, r]) => `${f}: ${r}`).join('; ')}`);

  return db.transaction(async (tx) => {
    const result: ImportResult = { created: 0, updated: 0, ids: [] };
    for (const { values } of rows) {
      const known = values.code ? existing.get(values.code) : undefined;
      if (known) {
        await repo.updatePlace(tx, known.id, values);
        result.updated += 1;
        result.ids.push(known.id);
      } else {
        result.ids.push(await repo.insertPlace(tx, values));
        result.created += 1;
      }
    }
    await audit(tx, actor, { action: 'import', entity: 'place', reason: 'CSV import', detail: { created: result.created, updated: result.updated, ids: result.ids } });
    return result;
  });
}
