// Types shared by the engine's parts (engine.ts, aggregate.ts, reasons.ts).

/** The figures a result was computed from: the unit's own, or aggregated from the units under it. */
export interface Basis {
  newCommunityCases7d: number;
  population: number;
  /** the vaccination shares used, by indicator name */
  indicators: Record<string, number>;
  /** null for the unit's own figures; else how many units with their own figures were added up */
  aggregatedFrom: number | null;
  capacityMet: boolean | null;
  previousLevel: number | null;
}

/** One problem of the input: which unit (by position and code) and which field. */
export interface InputProblem {
  /** position in the input list; -1 for the document itself */
  index: number;
  code: string;
  field: string;
  reason: string;
}

export class LevelInputError extends Error {
  constructor(readonly problems: InputProblem[]) {
    const described = problems.slice(0, 10).map((p) => (p.index < 0 ? `${p.field} ${p.reason}` : `unit ${p.code || `#${p.index + 1}`}: ${p.field} ${p.reason}`));
    super(described.join('; ') + (problems.length > 10 ? `; and ${problems.length - 10} more` : ''));
  }
}

/** One input unit, read and checked, linked to the input units whose parent it is. */
export interface UnitNode {
  index: number;
  code: string;
  level: 'province' | 'district' | 'commune';
  parent: string | null;
  cases: number | undefined;
  population: number | undefined;
  capacityMet: boolean | undefined;
  previousLevel: number | undefined;
  shares: Record<string, number>;
  children: UnitNode[];
}
