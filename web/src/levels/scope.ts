// The units a user works on: their own unit and everything under it (all of them for a province-wide user).
import type { Unit } from '../units/api';

/** The unit and its descendants in tree order: each unit followed by the units under it. */
export function subtreeOf(root: string | null, units: Unit[]): Unit[] {
  const children = new Map<string | null, Unit[]>();
  for (const unit of units) {
    const list = children.get(unit.parentCode) ?? [];
    list.push(unit);
    children.set(unit.parentCode, list);
  }
  const ordered: Unit[] = [];
  const walk = (unit: Unit) => {
    ordered.push(unit);
    for (const child of children.get(unit.code) ?? []) walk(child);
  };
  const byCode = new Map(units.map((unit) => [unit.code, unit]));
  const top = root ? [byCode.get(root)].filter((unit): unit is Unit => Boolean(unit)) : (children.get(null) ?? []);
  top.forEach(walk);
  return ordered;
}

/** Units that can be assessed as a whole (the province and districts), within the user's scope. */
export function assessableUnits(root: string | null, units: Unit[]): Unit[] {
  return subtreeOf(root, units).filter((unit) => unit.level !== 'commune');
}
