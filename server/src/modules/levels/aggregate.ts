// Figures per unit: its own, or for a district or province given without its own cases and
// population, the sum over the input units whose parent chain leads to it, with vaccination
// shares weighted by population. Capacity and previous level always come from the unit itself.
import { type Basis, type InputProblem, LevelInputError, type UnitNode } from './model.js';
import type { RuleSet } from './rules.js';

interface Figures {
  cases: number;
  population: number;
  /** units with their own figures that were added up (1 for a unit's own) */
  sources: number;
}

const hasOwnFigures = (node: UnitNode) => node.level === 'commune' || node.cases !== undefined || node.population !== undefined;

function linkTree(nodes: UnitNode[], problems: InputProblem[]): void {
  const byCode = new Map<string, UnitNode>();
  for (const node of nodes) {
    const first = byCode.get(node.code);
    if (first) problems.push({ index: node.index, code: node.code, field: 'code', reason: `appears twice (also unit #${first.index + 1})` });
    else byCode.set(node.code, node);
  }
  if (problems.length > 0) return;
  for (const node of nodes) {
    if (node.parent !== null) byCode.get(node.parent)?.children.push(node);
    // A chain that comes back to its start would aggregate forever.
    const seen = new Set<string>([node.code]);
    for (let up = node.parent; up !== null; up = byCode.get(up)?.parent ?? null) {
      if (seen.has(up)) {
        problems.push({ index: node.index, code: node.code, field: 'parent', reason: 'leads round in a circle' });
        break;
      }
      seen.add(up);
    }
  }
}

/** The basis of each node's result, in input order; throws LevelInputError naming every missing figure. */
export function aggregate(rules: RuleSet, nodes: UnitNode[]): Basis[] {
  const problems: InputProblem[] = [];
  linkTree(nodes, problems);
  if (problems.length > 0) throw new LevelInputError(problems);

  const reported = new Set<string>();
  const missing = (node: UnitNode, field: string, reason = 'is missing') => {
    const key = `${node.index}:${field}`;
    if (reported.has(key)) return;
    reported.add(key);
    problems.push({ index: node.index, code: node.code, field, reason });
  };

  const figureMemo = new Map<UnitNode, Figures | null>();
  const figures = (node: UnitNode): Figures | null => {
    if (figureMemo.has(node)) return figureMemo.get(node)!;
    let result: Figures | null = null;
    if (hasOwnFigures(node)) {
      if (node.cases === undefined) missing(node, 'newCommunityCases7d');
      if (node.population === undefined) missing(node, 'population');
      if (node.cases !== undefined && node.population !== undefined) result = { cases: node.cases, population: node.population, sources: 1 };
    } else if (node.children.length === 0) {
      missing(node, 'newCommunityCases7d', `is missing, and no unit in the input has ${node.code} as its parent to add up`);
    } else {
      const parts = node.children.map(figures);
      if (parts.every((part) => part !== null)) {
        result = parts.reduce((sum, part) => ({ cases: sum.cases + part.cases, population: sum.population + part.population, sources: sum.sources + part.sources }), { cases: 0, population: 0, sources: 0 });
      }
    }
    figureMemo.set(node, result);
    return result;
  };

  const shareMemo = new Map<string, number | null>();
  const share = (node: UnitNode, indicator: string, neededBy: UnitNode): number | null => {
    const key = `${node.index}:${indicator}`;
    if (shareMemo.has(key)) return shareMemo.get(key)!;
    let result: number | null = null;
    if (node.shares[indicator] !== undefined) result = node.shares[indicator]!;
    else if (hasOwnFigures(node)) {
      missing(node, indicator, neededBy === node ? 'is missing' : `is missing (needed for the population-weighted share of ${neededBy.code})`);
    } else {
      let weighted = 0;
      let population = 0;
      let complete = true;
      for (const child of node.children) {
        const part = figures(child);
        const value = share(child, indicator, neededBy);
        if (part === null || value === null) complete = false;
        else {
          weighted += value * part.population;
          population += part.population;
        }
      }
      result = complete && population > 0 ? weighted / population : null;
    }
    shareMemo.set(key, result);
    return result;
  };

  const bases = nodes.map((node): Basis | null => {
    const own = figures(node);
    if (own === null) {
      // Name the other missing figures of the unit too, so that one round of corrections is enough.
      if (hasOwnFigures(node) && node.shares[rules.coverage.indicator] === undefined) missing(node, rules.coverage.indicator);
      return null;
    }
    const indicators: Record<string, number> = {};
    const needed = [rules.coverage.indicator];
    if (rules.elderly && !(rules.elderly.skipWhenNoCases && own.cases === 0)) needed.push(rules.elderly.indicator);
    for (const indicator of needed) {
      const value = share(node, indicator, node);
      if (value !== null) indicators[indicator] = value;
    }
    if (rules.capacity.whenUnmet === 'noDowngrade' && node.previousLevel !== undefined && node.capacityMet === undefined) {
      missing(node, 'capacityMet', 'is missing (a previous level is given, so treatment capacity decides whether the level may go down)');
    }
    return {
      newCommunityCases7d: own.cases,
      population: own.population,
      indicators,
      aggregatedFrom: hasOwnFigures(node) ? null : own.sources,
      capacityMet: node.capacityMet ?? null,
      previousLevel: node.previousLevel ?? null,
    };
  });
  if (problems.length > 0) throw new LevelInputError(problems.sort((a, b) => a.index - b.index));
  return bases as Basis[];
}
