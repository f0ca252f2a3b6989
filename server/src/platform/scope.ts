import type { Queryable } from '../db/database.js';
import type { Actor } from './actor.js';

/**
 * SQL condition: the unit in `column` lies inside the actor's scope (their unit or below).
 * `param` is the placeholder number that will hold scopeParam(actor).
 * Used in WHERE clauses so that out-of-scope rows are simply not found.
 */
export function unitInScopeSql(column: string, param: number): string {
  return `($${param}::text IS NULL OR EXISTS (SELECT 1 FROM units scope_u WHERE scope_u.code = ${column} AND $${param}::text = ANY (scope_u.path)))`;
}

export function scopeParam(actor: Actor): string | null {
  return actor.unitCode;
}

export async function unitInScope(db: Queryable, actor: Actor, unitCode: string): Promise<boolean> {
  if (actor.unitCode === null) return true;
  const rows = await db.query('SELECT 1 FROM units WHERE code = $1 AND $2 = ANY (path)', [unitCode, actor.unitCode]);
  return rows.length > 0;
}
