// What is wrong with which item of a set of check-ins, and how the answer names it: a batch says
// `items[3].venueId`, a single check-in says `venueId`.
import { type FieldErrors, validationFailed } from '../../platform/errors.js';

export type Named = (i: number, field: string) => string;
export const itemField: Named = (i, field) => `items[${i}].${field}`;
export const bareField: Named = (_i, field) => field;

/** Problems by item index; the first reason noted for a field is kept. */
export type ItemProblems = Map<number, FieldErrors>;

export function note(problems: ItemProblems, i: number, field: string, reason: string) {
  const fields = problems.get(i) ?? {};
  fields[field] ??= reason;
  problems.set(i, fields);
}

/** The problems as fields of the request, in item order. */
export function namedFields(problems: ItemProblems, name: Named): FieldErrors {
  const fields: FieldErrors = {};
  for (const [i, itemFields] of [...problems].sort(([a], [b]) => a - b)) {
    for (const [field, reason] of Object.entries(itemFields)) fields[name(i, field)] = reason;
  }
  return fields;
}

export function nothingWritten(fields: FieldErrors) {
  const entries = Object.entries(fields);
  return validationFailed(fields, `nothing was written: ${entries.length} problem(s); ${entries.slice(0, 5).map(([f, r]) => `${f}: ${r}`).join('; ')}`);
}
