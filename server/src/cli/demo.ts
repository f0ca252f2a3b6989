import type { Database } from '../db/database.js';
import { AppError, invalidField } from '../platform/errors.js';
import { seedDemo } from '../modules/demo/seed.js';

function positiveInteger(raw: string | undefined, name: string, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw invalidField(name, 'must be a whole number ≥ 1');
  return value;
}

export async function seedDemoCommand(db: Database, scale: string | undefined, seed: string | undefined) {
  return seedDemo(db, { scale: positiveInteger(scale, 'scale', 1), seed: positiveInteger(seed, 'seed', 2021) });
}

/**
 * VIGIL_DEMO=1: seed on first start only; later starts keep what is there. When several nodes
 * start together, one seeds and the others find its data (the seed refuses to run twice).
 */
export async function seedDemoIfAbsent(db: Database) {
  const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM settings WHERE key = 'demo'`);
  if ((row?.n ?? 0) > 0) return null;
  try {
    return await seedDemo(db, { scale: 1, seed: 2021 });
  } catch (error) {
    if (error instanceof AppError && error.code === 'conflict') return null;
    throw error;
  }
}
