// Which dose a person is due next, from their history: the number, primary or booster, the earliest
// day (Vietnam) and the products allowed. Pure, and the same rules as nextDose (doses.rules.ts), which
// remains the check applied when the dose is recorded.
import { addDays, todayInVietnam } from '../open/time.js';
import type { Catalogue } from './catalogue.js';
import { type DoseKind, type PastDose } from './doses.rules.js';

export type NextDoseOptions =
  | { status: 'due'; doseNumber: number; kind: DoseKind; seriesProductCode: string | null; earliestDate: string; products: string[]; dueToday: boolean }
  | { status: 'none'; doseNumber: number; kind: DoseKind; seriesProductCode: string | null; reason: string };

export function nextDoseOptions(catalogue: Catalogue, history: readonly PastDose[], today = todayInVietnam()): NextDoseOptions {
  const doseNumber = history.length + 1;
  const last = history.at(-1);
  const first = history[0];
  if (!last || !first) {
    return { status: 'due', doseNumber: 1, kind: 'primary', seriesProductCode: null, earliestDate: today, products: [...catalogue.keys()], dueToday: true };
  }
  const series = catalogue.get(first.productCode);
  const lastDay = todayInVietnam(last.administeredAt);
  const due = (kind: DoseKind, minDays: number, products: string[]): NextDoseOptions => {
    const earliestDate = addDays(lastDay, minDays);
    return { status: 'due', doseNumber, kind, seriesProductCode: first.productCode, earliestDate, products, dueToday: earliestDate <= today };
  };
  if (!series) return { status: 'none', doseNumber, kind: 'primary', seriesProductCode: first.productCode, reason: `the series started with ${first.productCode}, which is no longer in the catalogue` };
  if (history.length < series.primaryDoses) {
    const products = [series.code, ...[...catalogue.values()].filter((p) => p.completesSeriesOf.includes(series.code)).map((p) => p.code)];
    return due('primary', series.minIntervalDays[history.length - 1] ?? 0, products);
  }
  if (series.boosterMinDays === null) return { status: 'none', doseNumber, kind: 'booster', seriesProductCode: series.code, reason: `no booster is configured after a ${series.code} primary series` };
  return due('booster', series.boosterMinDays, [...series.boosterProducts]);
}
