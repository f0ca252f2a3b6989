// The lab's CSV file of results: one record per tube. Every record is checked first; a bad one
// stops the whole file (400 naming `lines[<line>].<column>`, the house convention of CSV imports,
// where the header is line 1) and nothing is entered.
//
// Columns (header names are case-insensitive; order free):
//   barcode            the tube (also: tube_barcode, ma_ong)
//   result             positive / negative / invalid, or in Vietnamese dương tính / âm tính / không hợp lệ
//                      (also: outcome, ket_qua; with or without diacritics; pos, neg, +, -, detected,
//                      not detected, không xác định are understood)
//   ct_<gene>          a cycle threshold, e.g. ct_n, ct_orf1ab, ct_e, ct_rdrp, ct_s (empty, "-" or
//                      "undetermined" for none; a decimal comma is accepted in a quoted cell, since
//                      both , and ; separate cells)
//   correction_reason  replaces a different current result, with this reason
import type { Database } from '../../db/database.js';
import { type Actor, requirePermission } from '../../platform/actor.js';
import { type FieldErrors, validationFailed } from '../../platform/errors.js';
import type { EventPublisher } from '../../platform/events.js';
import { parseCsv } from '../open/csv.js';
import { foldName } from '../people/fold.js';
import type { TubeOutcome } from './propagate.js';
import { TESTING_LAB } from './permissions.js';
import { enterResults, type ResultEntry } from './results.js';
import { MAX_BATCH, type ResultBatchResult, type ResultItem } from './results.schema.js';

export const CSV_COLUMNS = ['barcode', 'result', 'ct_n', 'ct_orf1ab', 'ct_e', 'ct_rdrp', 'ct_s', 'correction_reason'];

const COLUMN_FIELDS: Record<string, 'barcode' | 'result' | 'correction'> = {
  barcode: 'barcode', tube_barcode: 'barcode', ma_ong: 'barcode',
  result: 'result', outcome: 'result', ket_qua: 'result',
  correction_reason: 'correction', correction: 'correction',
};

const WORDS: Record<string, TubeOutcome> = {
  positive: 'positive', pos: 'positive', 'duong tinh': 'positive', duong: 'positive', '+': 'positive', detected: 'positive',
  negative: 'negative', neg: 'negative', 'am tinh': 'negative', am: 'negative', '-': 'negative', 'not detected': 'negative', undetected: 'negative',
  invalid: 'invalid', 'khong hop le': 'invalid', 'khong xac dinh': 'invalid', inconclusive: 'invalid', error: 'invalid',
};

/** Gene names as labs write them; any other target is kept in upper case. */
const GENES: Record<string, string> = { n: 'N', orf1ab: 'ORF1ab', e: 'E', rdrp: 'RdRp', s: 'S', orf1a: 'ORF1a', orf8: 'ORF8' };
const NO_CT = new Set(['', '-', 'na', 'n/a', 'undetermined', 'undet', 'khong']);
const BARCODE = /^[A-Za-z0-9-]{4,40}$/;

export function outcomeOfWord(word: string): TubeOutcome | null {
  return WORDS[foldName(word)] ?? null;
}

function ctValue(cell: string): number | null | undefined {
  const text = cell.trim().replace(',', '.');
  if (NO_CT.has(foldName(text))) return undefined;
  const value = Number(text);
  return text !== '' && Number.isFinite(value) && value >= 0 && value <= 50 ? value : null;
}

/** The file's records as result entries, or a 400 naming every bad cell. */
export function resultEntriesOfCsv(text: string): ResultEntry[] {
  const records = parseCsv(text, MAX_BATCH);
  const fields: FieldErrors = {};
  const entries: ResultEntry[] = [];
  for (const { line, values } of records) {
    const at = (column: string) => `lines[${line}].${column}`;
    let barcode = '';
    let outcome: TubeOutcome | null = null;
    let reason = '';
    const ctValues: Record<string, number> = {};
    for (const [column, cell] of Object.entries(values)) {
      const name = column.toLowerCase();
      const gene = /^ct_([a-z0-9]{1,12})$/.exec(name)?.[1];
      if (gene) {
        const value = ctValue(cell);
        if (value === null) fields[at(column)] = 'must be a number from 0 to 50 (or empty)';
        else if (value !== undefined) ctValues[GENES[gene] ?? gene.toUpperCase()] = value;
        continue;
      }
      const field = COLUMN_FIELDS[name];
      if (field === 'barcode') barcode = cell;
      else if (field === 'result') outcome = outcomeOfWord(cell);
      else if (field === 'correction') reason = cell;
      else fields[at(column)] ??= `is not a known column (known: ${CSV_COLUMNS.join(', ')}, or ct_<gene>)`;
    }
    if (!BARCODE.test(barcode)) fields[at('barcode')] = barcode === '' ? 'is required' : 'must be 4 to 40 letters, digits or dashes';
    if (!outcome) fields[at('result')] = 'must be positive, negative or invalid (dương tính, âm tính, không hợp lệ)';
    if (reason !== '' && (reason.length < 3 || reason.length > 500)) fields[at('correction_reason')] = 'must be 3 to 500 characters';
    if (!outcome || !BARCODE.test(barcode)) continue;
    const item: ResultItem = {
      barcode, outcome, ...(Object.keys(ctValues).length > 0 ? { ctValues } : {}), ...(reason !== '' ? { correction: { reason } } : {}),
    };
    entries.push({ item, field: (name) => at(name === 'outcome' ? 'result' : name === 'correction' ? 'correction_reason' : 'barcode') });
  }
  if (Object.keys(fields).length > 0) {
    throw validationFailed(fields, `the CSV file was not imported: ${Object.keys(fields).length} problem(s); ${Object.entries(fields).slice(0, 10).map(([f, r]) => `${f}: ${r}`).join('; ')}`);
  }
  return entries;
}

/** The lab's file, entered like a batch (source csv): the role is checked before the file is read. */
export async function importResultsCsv(db: Database, actor: Actor, events: EventPublisher, text: string): Promise<ResultBatchResult> {
  requirePermission(actor, TESTING_LAB);
  return enterResults(db, actor, events, resultEntriesOfCsv(text), 'csv');
}
