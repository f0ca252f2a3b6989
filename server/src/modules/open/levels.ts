// The one place the map modules read epidemic levels: the published levels in force, from the
// levels module's service. Keep every read of levels behind this function, so a change of the
// levels module's API is adjusted here only.
import type { Database } from '../../db/database.js';
import { currentLevels } from '../levels/service.js';

export interface LevelInForce {
  unitCode: string;
  level: number;
  colour: string;
  effectiveFrom: string;
  publishedAt: string;
}

/** unit code → its published level in force on the date (YYYY-MM-DD; today in Vietnam when left out). */
export async function levelsInForce(db: Database, date?: string): Promise<Map<string, LevelInForce>> {
  const { items } = await currentLevels(db, date);
  return new Map(items.map((item) => [item.unitCode, {
    unitCode: item.unitCode, level: item.level, colour: item.colour, effectiveFrom: item.effectiveFrom, publishedAt: item.publishedAt,
  }]));
}
