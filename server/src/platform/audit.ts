import type { Queryable } from '../db/database.js';
import type { Actor } from './actor.js';

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | null;
  reason?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  detail?: Record<string, unknown> | null;
}

/** Only the fields whose values differ: {field: {before, after}}. */
export function changedFields(
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined,
): Record<string, { before: unknown; after: unknown }> {
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const key of keys) {
    const a = normalise(before?.[key]);
    const b = normalise(after?.[key]);
    if (JSON.stringify(a) !== JSON.stringify(b)) changes[key] = { before: a, after: b };
  }
  return changes;
}

function normalise(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  return value ?? null;
}

/** Writes one audit row. Call it with the transaction of the change it records. */
export async function audit(tx: Queryable, actor: Actor, entry: AuditEntry): Promise<void> {
  const changes = entry.before !== undefined || entry.after !== undefined ? changedFields(entry.before, entry.after) : null;
  await tx.query(
    `INSERT INTO audit_log (actor_id, actor_username, action, entity, entity_id, reason, changes, detail, request_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      actor.userId,
      actor.username,
      entry.action,
      entry.entity,
      entry.entityId ?? null,
      entry.reason ?? null,
      changes === null ? null : JSON.stringify(changes),
      entry.detail ? JSON.stringify(entry.detail) : null,
      actor.requestId ?? null,
    ],
  );
}
