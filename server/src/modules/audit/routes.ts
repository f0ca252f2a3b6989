import { Type, type Static } from 'typebox';
import type { Database } from '../../db/database.js';
import { type Actor, requirePermission } from '../../platform/actor.js';
import { actorOf, type AppContext } from '../../platform/context.js';
import { type App, errorResponses } from '../../platform/http.js';
import { type Page, PageQuery, pageOf, pageParams } from '../../platform/pagination.js';

const AuditEntry = Type.Object({
  id: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  actorId: Type.Union([Type.String(), Type.Null()]),
  actorUsername: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  entity: Type.String(),
  entityId: Type.Union([Type.String(), Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
  changes: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  detail: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  requestId: Type.Union([Type.String(), Type.Null()]),
});
type AuditEntry = Static<typeof AuditEntry>;

const AuditQuery = Type.Object({
  ...PageQuery,
  actor: Type.Optional(Type.String({ maxLength: 64, description: 'user name or user id' })),
  entity: Type.Optional(Type.String({ maxLength: 64 })),
  entityId: Type.Optional(Type.String({ maxLength: 200 })),
  action: Type.Optional(Type.String({ maxLength: 64 })),
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
});
type AuditQuery = Static<typeof AuditQuery>;

interface AuditRow {
  id: number; at: Date; actor_id: string | null; actor_username: string | null; action: string; entity: string;
  entity_id: string | null; reason: string | null; changes: Record<string, unknown> | null; detail: Record<string, unknown> | null; request_id: string | null;
}

export async function searchAudit(db: Database, actor: Actor, query: AuditQuery): Promise<Page<AuditEntry>> {
  requirePermission(actor, 'audit:read');
  const { limit, offset } = pageParams(query);
  // A scoped administrator sees what users of their own units did.
  const where = `($1::text IS NULL OR actor_username = $1 OR actor_id::text = $1)
    AND ($2::text IS NULL OR entity = $2) AND ($3::text IS NULL OR entity_id = $3) AND ($4::text IS NULL OR action = $4)
    AND ($5::timestamptz IS NULL OR at >= $5) AND ($6::timestamptz IS NULL OR at < $6)
    AND ($7::text IS NULL OR actor_id IN (SELECT u.id FROM users u JOIN units n ON n.code = u.unit_code WHERE $7 = ANY (n.path)))`;
  const params = [query.actor ?? null, query.entity ?? null, query.entityId ?? null, query.action ?? null, query.from ?? null, query.to ?? null, actor.unitCode];
  const rows = await db.query<AuditRow>(`SELECT * FROM audit_log WHERE ${where} ORDER BY at DESC, id DESC LIMIT $8 OFFSET $9`, [...params, limit, offset]);
  const [count] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE ${where}`, params);
  const items = rows.map((row) => ({
    id: row.id, at: row.at.toISOString(), actorId: row.actor_id, actorUsername: row.actor_username, action: row.action,
    entity: row.entity, entityId: row.entity_id, reason: row.reason, changes: row.changes, detail: row.detail, requestId: row.request_id,
  }));
  return { items, total: count?.n ?? 0, limit, offset };
}

export function auditRoutes(app: App, ctx: AppContext) {
  app.get('/api/v1/audit', {
    onRequest: ctx.authenticate,
    schema: {
      tags: ['audit'],
      summary: 'The audit log, newest first, filtered by actor, entity, action and time (administrators)',
      security: [{ bearer: [] }],
      querystring: AuditQuery,
      response: { 200: pageOf(AuditEntry), ...errorResponses(400, 401, 403) },
    },
  }, async (request) => searchAudit(ctx.db, actorOf(request), request.query));
}
