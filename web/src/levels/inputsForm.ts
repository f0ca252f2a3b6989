// The weekly-figures form: stored values → editable text, edits → the PUT body (only what changed).
import type { Unit } from '../units/api';
import type { InputChange, RuleSetView, StoredInput } from './api';

export type FormValue = string | boolean;
export type RowValues = Record<string, FormValue>;
export type RowErrors = Record<string, string>;

export const CASES = 'newCommunityCases7d';
export const POPULATION = 'population';
export const CAPACITY = 'capacityMet';
export const PREVIOUS = 'previousLevel';

/** The share indicators the rule set reads, e.g. adultsFirstDoseShare and elderlyFullDoseShare. */
export function indicatorsOf(rules: RuleSetView | undefined): string[] {
  if (!rules) return ['adultsFirstDoseShare', 'elderlyFullDoseShare'];
  return [rules.coverage.indicator, ...(rules.elderly ? [rules.elderly.indicator] : [])];
}

/** The rule set in force at the end of a week: the latest that started by then, else the earliest. */
export function ruleSetForWeek(sets: RuleSetView[], weekEnd: string): RuleSetView | undefined {
  const sorted = [...sets].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  return sorted.filter((rules) => rules.effectiveFrom <= weekEnd).pop() ?? sorted[0];
}

const percentText = (share: unknown) => (typeof share === 'number' ? String(Number((share * 100).toFixed(4))) : '');

/** What the form shows before any edit; the population falls back to the unit register's figure. */
export function baseValues(unit: Unit, stored: StoredInput | undefined, indicators: string[]): RowValues {
  const values: RowValues = {
    [CASES]: stored?.newCommunityCases7d?.toString() ?? '',
    [POPULATION]: (stored?.population ?? unit.population)?.toString() ?? '',
    [CAPACITY]: stored?.capacityMet ?? '', // '' = not entered: the box only saves once touched
    [PREVIOUS]: stored?.previousLevel?.toString() ?? '',
  };
  for (const indicator of indicators) values[indicator] = percentText(stored?.[indicator]);
  return values;
}

/** The fields the user changed, as the API wants them: shares from per cent, empty → null. */
export function changeOf(unit: Unit, edits: RowValues, base: RowValues): InputChange | null {
  const change: InputChange = { code: unit.code };
  for (const [field, value] of Object.entries(edits)) {
    if (value === base[field]) continue;
    if (typeof value === 'boolean') {
      change[field] = value;
      continue;
    }
    const text = value.trim().replace(',', '.');
    const numeric = text === '' ? null : Number(text);
    if (field === POPULATION) change[field] = numeric === unit.population ? null : numeric; // the register's figure: store none
    else if (field.endsWith('Share')) change[field] = numeric === null ? null : Number((numeric / 100).toFixed(6));
    else change[field] = numeric;
  }
  return Object.keys(change).length > 1 ? change : null;
}
