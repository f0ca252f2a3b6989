// Denominators of coverage: facts about the population by age, as configuration. Nothing here is
// estimated by the system. A share whose denominator is not known is null, with the reason.
//
// How a unit's denominator for an age group is found (method "population"):
//   1. the unit's own configured count for the group (e.g. the province's 18+ population), else
//   2. the unit's population (units.population) × the group's share of the nearest configured
//      ancestor (its count ÷ its population), else
//   3. null: "no population" or "no <group> share configured".
// Method "registered" counts the people Vigil holds for the unit and age group instead: a real count,
// but only of those registered, so a share over it is an upper bound.

export type AgeGroup = 'all' | 'adults18' | 'aged50' | 'aged65';
export const AGE_GROUPS: readonly AgeGroup[] = ['all', 'adults18', 'aged50', 'aged65'];
export const MIN_AGE: Record<AgeGroup, number> = { all: 0, adults18: 18, aged50: 50, aged65: 65 };

export interface AgeFacts {
  /** the population these counts belong to */
  population: number;
  /** people of each age group; a group left out is not known */
  counts: Partial<Record<Exclude<AgeGroup, 'all'>, number>>;
  source: string;
}

/**
 * unit code → age facts. Hậu Giang: the national vaccination portal's denominators in 2021 (population
 * 733,017 = census 1/4/2019; 18+ population 536,163), see ../shared/data/haugiang/SOURCES.md §4.
 * The 50+ and 65+ populations are not known here: enter them from the census tables (GSO 2019,
 * table of population by age group per province) to get those shares; until then they are null.
 */
export const AGE_FACTS: Readonly<Record<string, AgeFacts>> = {
  '93': {
    population: 733_017,
    counts: { adults18: 536_163 },
    source: 'tiemchungcovid19.gov.vn denominators for Hậu Giang, 2021 (population 733,017; 18+ 536,163)',
  },
};

export interface Denominator {
  value: number | null;
  method: 'population' | 'registered';
  /** how the value was found, or why it is null */
  note: string;
}

const number = new Intl.NumberFormat('en-US');
const percent = (share: number) => `${(share * 100).toFixed(2)}%`;

/** The "population" method for one unit (path: codes from the province down to the unit). */
export function populationDenominator(unit: { code: string; name: string; population: number | null; path: string[] }, group: AgeGroup, facts = AGE_FACTS): Denominator {
  const own = facts[unit.code];
  if (group === 'all') {
    if (unit.population === null) return { value: null, method: 'population', note: `the population of ${unit.name} is unknown` };
    return { value: unit.population, method: 'population', note: `population ${number.format(unit.population)}` };
  }
  const ownCount = own?.counts[group];
  if (ownCount !== undefined) return { value: ownCount, method: 'population', note: `${group} population ${number.format(ownCount)} (${own!.source})` };
  const ancestor = [...unit.path].reverse().map((code) => ({ code, fact: facts[code] })).find(({ fact }) => fact?.counts[group] !== undefined);
  if (!ancestor) return { value: null, method: 'population', note: `no ${group} population or share is configured for ${unit.name} or a unit above it` };
  if (unit.population === null) return { value: null, method: 'population', note: `the population of ${unit.name} is unknown` };
  const share = ancestor.fact!.counts[group]! / ancestor.fact!.population;
  const value = Math.round(unit.population * share);
  return { value, method: 'population', note: `population ${number.format(unit.population)} × ${percent(share)} ${group} share of ${ancestor.code} (${ancestor.fact!.source})` };
}
