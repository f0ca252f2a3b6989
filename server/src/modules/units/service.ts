import type { Database, Queryable } from '../../db/database.js';
import { type Actor, requirePermission } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { notFound } from '../../platform/errors.js';
import { unitInScope } from '../../platform/scope.js';
import * as repo from './repository.js';
import type { PopulationPatch, Unit, UnitLevel } from './schema.js';

// Units are public facts (names, codes, populations): reading them needs no sign-in.
export const listUnits = (db: Database, filter: { level?: UnitLevel | undefined; parent?: string | undefined }) =>
  repo.listUnits(db, filter);

export async function getUnit(db: Database, code: string, withGeometry: boolean): Promise<Unit> {
  const unit = await repo.findUnit(db, code, withGeometry);
  if (!unit) throw notFound('unit');
  return unit;
}

/** For other modules: which of these codes are not units (to name them in a 400). */
export async function unknownUnitCodes(db: Database, codes: string[]): Promise<string[]> {
  const known = await repo.existingCodes(db, codes);
  return codes.filter((code) => !known.has(code));
}

/**
 * Why a code cannot be the commune of a record this actor writes (unknown, not a commune,
 * outside their scope), or null when it can. Callers put it under their own field name.
 */
export async function communeProblem(db: Queryable, actor: Actor, code: string): Promise<string | null> {
  const [unit] = await db.query<{ level: string }>('SELECT level FROM units WHERE code = $1', [code]);
  if (!unit) return `unknown unit code ${code}`;
  if (unit.level !== 'commune') return `${code} is a ${unit.level}, not a commune`;
  if (!(await unitInScope(db, actor, code))) return 'is outside your scope';
  return null;
}

export async function updatePopulation(db: Database, actor: Actor, code: string, patch: PopulationPatch): Promise<Unit> {
  requirePermission(actor, 'units:edit');
  return db.transaction(async (tx) => {
    const before = await repo.findUnit(tx, code);
    if (!before || !(await unitInScope(tx, actor, code))) throw notFound('unit');
    await repo.setPopulation(tx, code, patch.population, patch.populationYear, patch.populationSource ?? null);
    const after = (await repo.findUnit(tx, code))!;
    await audit(tx, actor, {
      action: 'update',
      entity: 'unit',
      entityId: code,
      before: { population: before.population, populationYear: before.populationYear, populationSource: before.populationSource },
      after: { population: after.population, populationYear: after.populationYear, populationSource: after.populationSource },
    });
    return after;
  });
}
