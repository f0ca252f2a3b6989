// CSV in and out through maintained libraries (csv-parse, csv-stringify), never by hand.
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { validationFailed } from '../../platform/errors.js';

export interface CsvRecord {
  /** line of the file where the record ends (the header is line 1) */
  line: number;
  values: Record<string, string>;
}

/** Parses a CSV text with a header row; a malformed file answers 400 naming the line. */
export function parseCsv(text: string, maxRecords = 5000): CsvRecord[] {
  let rows: { record: Record<string, string>; info: { lines: number } }[];
  try {
    rows = parse(text, { columns: (header: string[]) => header.map((name) => name.trim()), bom: true, skip_empty_lines: true, trim: true, info: true, delimiter: [',', ';'] });
  } catch (error) {
    const lines = (error as { lines?: number }).lines;
    throw validationFailed({ [lines ? `lines[${lines}]` : 'body']: (error as Error).message });
  }
  if (rows.length === 0) throw validationFailed({ body: 'the CSV file has a header but no records' });
  if (rows.length > maxRecords) throw validationFailed({ body: `the CSV file has ${rows.length} records; at most ${maxRecords} at once` });
  return rows.map((row) => ({ line: row.info.lines, values: row.record }));
}

// A cell starting with one of these is a formula to a spreadsheet (CSV injection): prefix it with '.
const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell made safe to open in a spreadsheet. Numbers are written as they are. */
export function safeCell(value: unknown): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return value;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  return stringify([header, ...rows.map((row) => row.map(safeCell))], { record_delimiter: '\r\n' });
}
