// The times of a case: the default infectious window and the checks every stored case passes
// (on creation and after each correction). Pure functions: no database, no clock but `now`.
import type { FieldErrors } from '../../platform/errors.js';
import type { CaseSource, CaseStatus, Classification } from './schema.js';

const HOUR_MS = 3_600_000;
/** Infectiousness starts this long before symptoms, or before confirmation when onset is unknown. */
export const PRESYMPTOMATIC_MS = 48 * HOUR_MS;
/** Clocks of phones and laptops run a little fast; anything further ahead is refused. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** Everything stored about a case except its identity and bookkeeping. */
export interface CaseValues {
  personId: string;
  classification: Classification;
  reportedAt: Date;
  confirmedAt: Date | null;
  onsetDate: string | null;
  isolatedAt: Date | null;
  infectiousFrom: Date;
  infectiousTo: Date;
  source: CaseSource;
  status: CaseStatus;
  recoveredAt: Date | null;
  deceasedAt: Date | null;
  communeCode: string;
}

type WindowInput = Pick<CaseValues, 'onsetDate' | 'confirmedAt' | 'reportedAt' | 'isolatedAt'>;

/** Local midnight (Asia/Ho_Chi_Minh, UTC+7 all year) starting that date. */
const startOfLocalDay = (date: string) => new Date(`${date}T00:00:00+07:00`);

/**
 * From 2 days before onset (the start of the local day two days before the onset date), or 48 hours
 * before confirmation when onset is unknown, to isolation, or confirmation when not isolated. A
 * suspected case has no confirmation yet: its report time stands in for it. When the case was
 * isolated before that start (found in quarantine), the window is empty: it ends where it starts.
 */
export function defaultWindow(input: WindowInput): { from: Date; to: Date } {
  const reference = input.confirmedAt ?? input.reportedAt;
  const from = input.onsetDate ? new Date(startOfLocalDay(input.onsetDate).getTime() - PRESYMPTOMATIC_MS) : new Date(reference.getTime() - PRESYMPTOMATIC_MS);
  const end = input.isolatedAt ?? reference;
  return { from, to: end > from ? end : from };
}

/** Today's date in Vietnam. */
const localToday = (now: Date) => new Date(now.getTime() + 7 * HOUR_MS).toISOString().slice(0, 10);

/** What is wrong with a case's values, by field name (empty when nothing is). */
export function caseProblems(values: CaseValues, now = new Date()): FieldErrors {
  const fields: FieldErrors = {};
  const latest = now.getTime() + CLOCK_SKEW_MS;
  const instants = { reportedAt: values.reportedAt, confirmedAt: values.confirmedAt, isolatedAt: values.isolatedAt, recoveredAt: values.recoveredAt, deceasedAt: values.deceasedAt };
  for (const [field, at] of Object.entries(instants)) if (at && at.getTime() > latest) fields[field] = 'is in the future';
  if (values.onsetDate && values.onsetDate > localToday(now)) fields.onsetDate = 'is in the future';

  if (values.classification === 'confirmed' && !values.confirmedAt) fields.confirmedAt = 'is required for a confirmed case';
  if (values.infectiousTo < values.infectiousFrom) fields.infectiousTo = 'is before infectiousFrom';

  // Each outcome has its date, and only that outcome has it.
  const outcomes = [['recovered', 'recoveredAt', values.recoveredAt], ['deceased', 'deceasedAt', values.deceasedAt]] as const;
  const since = values.confirmedAt ?? values.reportedAt;
  for (const [status, field, at] of outcomes) {
    if (values.status === status && !at) fields[field] ??= `is required with status ${status}`;
    else if (values.status !== status && at) fields[field] ??= `is only given with status ${status}`;
    else if (at && at < since) fields[field] ??= `is before the case was ${values.confirmedAt ? 'confirmed' : 'reported'}`;
  }
  return fields;
}
