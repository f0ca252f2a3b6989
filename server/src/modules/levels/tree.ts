// The unit tree as the units module gives it, with the questions the levels module asks of it.
import type { Unit } from '../units/schema.js';

export class UnitTree {
  private readonly byCode: Map<string, Unit>;

  constructor(readonly units: Unit[]) {
    this.byCode = new Map(units.map((unit) => [unit.code, unit]));
  }

  get(code: string): Unit | undefined {
    return this.byCode.get(code);
  }

  /** The unit's own code and its ancestors' codes, from itself upwards. */
  chain(code: string): string[] {
    const codes: string[] = [];
    for (let unit = this.byCode.get(code); unit && !codes.includes(unit.code); unit = unit.parentCode ? this.byCode.get(unit.parentCode) : undefined) {
      codes.push(unit.code);
    }
    return codes;
  }

  /** A unit lies in a scope when the scope is its own unit or one above it; null is everything. */
  inScope(scope: string | null, code: string): boolean {
    return this.byCode.has(code) && (scope === null || this.chain(code).includes(scope));
  }

  /** The root and every unit under it, in the units module's order (province, districts, communes). */
  subtree(root: string): Unit[] {
    return this.units.filter((unit) => this.chain(unit.code).includes(root));
  }

  provinces(): Unit[] {
    return this.units.filter((unit) => unit.level === 'province');
  }
}
