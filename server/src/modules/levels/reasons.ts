// Why a unit got its level: each step as a stable code with its values (so the web app can say
// it in Vietnamese) and an English sentence (the CLI prints it; the API returns both).
import type { RuleSet } from './rules.js';

export type ReasonCode =
  | 'case_rate' | 'aggregated' | 'coverage_low' | 'coverage_met' | 'elderly_shortfall' | 'elderly_met'
  | 'elderly_no_cases' | 'capped' | 'no_downgrade' | 'capacity_unmet' | 'adjusted' | 'derived_from_children';

export interface Reason {
  code: ReasonCode;
  text: string;
  values: Record<string, string | number | boolean | null>;
}

const INDICATOR_LABELS: Record<string, string> = {
  adultsFirstDoseShare: 'adults with at least one dose',
  elderlyFullDoseShare: 'elderly residents fully vaccinated',
  populationFullDoseShare: 'residents fully vaccinated',
  highRiskFullDoseShare: 'high-risk people fully vaccinated',
};

const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const n = (value: unknown) => number.format(Number(value));
const percent = (value: unknown) => `${n(Number(value) * 100)}%`;
const label = (indicator: unknown) => INDICATOR_LABELS[String(indicator)] ?? String(indicator);
const levels = (count: unknown) => `+${String(count)} level${count === 1 ? '' : 's'}`;

function bandRange(rules: RuleSet, band: number): string {
  const [a, b, c] = rules.caseBands.map(n) as [string, string, string];
  return [`under ${a}`, `${a} to under ${b}`, `${b} to under ${c}`, `${c} or more`][band - 1] ?? '';
}

function sentence(reason: Omit<Reason, 'text'>, rules: RuleSet): string {
  const v = reason.values;
  switch (reason.code) {
    case 'case_rate':
      return `${n(v.rate)} new community cases per 100,000 in 7 days (${n(v.cases)} cases, population ${n(v.population)}): band ${v.band} (${bandRange(rules, Number(v.band))})`;
    case 'aggregated':
      return `figures of ${v.units} unit${v.units === 1 ? '' : 's'} under ${v.unit} added up; vaccination shares weighted by population`;
    case 'coverage_low':
      return `${label(v.indicator)} ${percent(v.value)}, below ${percent(v.threshold)}: ${levels(v.added)}`;
    case 'coverage_met':
      return `${label(v.indicator)} ${percent(v.value)}, at least ${percent(v.threshold)}: no change`;
    case 'elderly_shortfall':
      return `${label(v.indicator)} ${percent(v.value)}, below ${percent(v.threshold)}: ${levels(v.added)}`;
    case 'elderly_met':
      return `${label(v.indicator)} ${percent(v.value)}, at least ${percent(v.threshold)}: no change`;
    case 'elderly_no_cases':
      return `no new community case: the rule on ${label(v.indicator)} does not apply`;
    case 'capped':
      return `level ${v.from} capped at ${v.to}`;
    case 'no_downgrade':
      return `treatment capacity not met: stays at the previous level ${v.previous} instead of ${v.computed}`;
    case 'capacity_unmet':
      return v.previous === null
        ? 'treatment capacity not met (no previous level given)'
        : `treatment capacity not met: may not go below the previous level ${v.previous}`;
    case 'derived_from_children':
      return v.method === 'highestChildLevel'
        ? `derived from the ${v.units} units under it: the highest of their levels, ${v.level}`
        : `derived from the ${v.units} units under it: level ${v.level} covers the largest share of the population (${percent(v.share)})`;
    case 'adjusted':
      return `adjusted by ${v.by} from level ${v.from} to ${v.to}: ${v.reason}`;
  }
}

export function describeReason(reason: Omit<Reason, 'text'>, rules: RuleSet): Reason {
  return { code: reason.code, text: sentence(reason, rules), values: reason.values };
}
