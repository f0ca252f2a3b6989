// Which dose a new dose is, from the person's history and the catalogue; or why it may not be given.
// Pure: the service hands in the history it read under the person's lock. Days are calendar days in
// Vietnam, so a dose at 07:00 is 28 days after one at 16:00 four weeks before.
import { addDays, todayInVietnam } from '../open/time.js';
import type { Catalogue } from './catalogue.js';
import type { Product } from './catalogue.schema.js';

export interface PastDose {
  productCode: string;
  doseNumber: number;
  administeredAt: Date;
}

export type DoseKind = 'primary' | 'booster';

export type NextDose =
  | { ok: true; doseNumber: number; kind: DoseKind }
  | { ok: false; field: 'productCode' | 'administeredAt'; reason: string };

const DAY_MS = 86_400_000;
const localDate = (at: Date) => todayInVietnam(at);
const daysFrom = (from: Date, to: Date) => Math.round((Date.parse(localDate(to)) - Date.parse(localDate(from))) / DAY_MS);

const refuse = (field: 'productCode' | 'administeredAt', reason: string): NextDose => ({ ok: false, field, reason });

function tooSoon(what: string, minDays: number, previous: PastDose, at: Date): NextDose | null {
  const days = daysFrom(previous.administeredAt, at);
  if (days >= minDays) return null;
  const since = `dose ${previous.doseNumber} (${previous.productCode}, ${localDate(previous.administeredAt)})`;
  return refuse('administeredAt', `is ${days} day(s) after ${since}; ${what} needs at least ${minDays} days (earliest ${addDays(localDate(previous.administeredAt), minDays)})`);
}

/**
 * The dose `product` given at `at` would be. `history` is the person's doses in the order given.
 * The primary series follows the product that started it (another product only where the
 * catalogue says it completes that series); every later dose is a booster.
 */
export function nextDose(catalogue: Catalogue, history: readonly PastDose[], product: Product, at: Date): NextDose {
  const last = history.at(-1);
  if (!last) return { ok: true, doseNumber: 1, kind: 'primary' };
  if (at < last.administeredAt) {
    return refuse('administeredAt', `is before dose ${last.doseNumber} given ${last.administeredAt.toISOString()}; doses are recorded in the order they were given`);
  }
  const first = history[0]!;
  const series = catalogue.get(first.productCode);
  if (!series) return refuse('productCode', `the person's series started with ${first.productCode}, which is no longer in the catalogue; ask the health officer`);
  const given = history.length;
  const doseNumber = given + 1;

  if (given < series.primaryDoses) {
    if (product.code !== series.code && !product.completesSeriesOf.includes(series.code)) {
      const allowed = [series.code, ...[...catalogue.values()].filter((p) => p.completesSeriesOf.includes(series.code)).map((p) => p.code)];
      return refuse('productCode', `dose ${doseNumber} of a ${series.code} primary series must be ${allowed.join(' or ')}, not ${product.code}`);
    }
    const minDays = series.minIntervalDays[given - 1] ?? 0;
    return tooSoon(`dose ${doseNumber} of the ${series.code} primary series`, minDays, last, at) ?? { ok: true, doseNumber, kind: 'primary' };
  }

  if (series.boosterMinDays === null) return refuse('productCode', `no booster is configured after a ${series.code} primary series`);
  if (!series.boosterProducts.includes(product.code)) {
    return refuse('productCode', `${product.code} may not boost a ${series.code} series; allowed: ${series.boosterProducts.join(', ')}`);
  }
  return tooSoon(`a booster after the ${series.code} series`, series.boosterMinDays, last, at) ?? { ok: true, doseNumber, kind: 'booster' };
}
