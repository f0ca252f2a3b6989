import fs from 'node:fs';
import type { Database } from '../../db/database.js';
import { importUnits } from './import.js';
import { countUnits } from './repository.js';

const HAU_GIANG = new URL('./seed/haugiang-units.json', import.meta.url);

/** Loads Hậu Giang's unit tree when the database has no units yet. Returns how many were added. */
export async function seedUnits(db: Database): Promise<number> {
  if ((await countUnits(db)) > 0) return 0;
  const result = await importUnits(db, JSON.parse(fs.readFileSync(HAU_GIANG, 'utf8')));
  return result.inserted;
}
