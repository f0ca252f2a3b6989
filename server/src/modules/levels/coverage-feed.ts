// Vaccination shares for the engine computed from dose records (modules/vaccination/coverage.ts),
// used for a unit only where no share was entered for the week and the unit has recorded doses.
// A share needs a denominator from the population facts; where there is none the indicator stays
// missing and must be entered, as before.
import type { Queryable } from '../../db/database.js';
import { computedCoverage } from '../vaccination/coverage.js';
import type { Groups } from '../vaccination/coverage.schema.js';

/** Indicator name → its coverage figure. 4800's elderly are 65+ (50+ from its November revision: change here). */
export const COMPUTED_INDICATORS: Readonly<Record<string, (groups: Groups) => number | null>> = {
  adultsFirstDoseShare: (g) => g.adults18.atLeastOne.share,
  elderlyFullDoseShare: (g) => g.aged65.full.share,
  populationFullDoseShare: (g) => g.all.full.share,
};

/**
 * unit code → computed shares at the end of `day`. A share above 1 (more people vaccinated than the
 * population figure, e.g. after people moved in) counts as 1: the engine takes shares from 0 to 1.
 */
export async function computedShares(db: Queryable, codes: string[], day: string): Promise<Map<string, Record<string, number>>> {
  const result = new Map<string, Record<string, number>>();
  for (const { unitCode, groups } of await computedCoverage(db, [day], codes)) {
    const shares: Record<string, number> = {};
    for (const [indicator, figure] of Object.entries(COMPUTED_INDICATORS)) {
      const value = figure(groups);
      if (value !== null) shares[indicator] = Math.min(1, value);
    }
    if (Object.keys(shares).length > 0) result.set(unitCode, shares);
  }
  return result;
}
