// SQL of public exposure notices: the case's exposure visits, as tracing finds them
// (exposures.repository.ts), published with their windows widened by the margin.
import type { Queryable } from '../../db/database.js';
import { unitInScopeSql } from '../../platform/scope.js';
import { EXPOSURE_VISITS } from './exposures.repository.js';
import type { Notice, PublicNotice } from './notices.schema.js';

interface NoticeRow {
  id: string; case_id: string; venue_id: string; venue_name: string; starts_at: Date; ends_at: Date; margin_minutes: number;
  status: Notice['status']; published_at: Date; withdrawn_at: Date | null; withdraw_reason: string | null; case_commune_code: string;
}

const COLUMNS = `n.id, n.case_id, n.venue_id, v.name AS venue_name, n.starts_at, n.ends_at, n.margin_minutes, n.status,
  n.published_at, n.withdrawn_at, n.withdraw_reason, k.commune_code AS case_commune_code`;
const FROM = 'exposure_notices n JOIN venues v ON v.id = n.venue_id JOIN cases k ON k.id = n.case_id';

export const presentNotice = (row: NoticeRow): Notice => ({
  id: row.id, caseId: row.case_id, venueId: row.venue_id, venueName: row.venue_name, from: row.starts_at.toISOString(), to: row.ends_at.toISOString(),
  marginMinutes: row.margin_minutes, status: row.status, publishedAt: row.published_at.toISOString(),
  withdrawnAt: row.withdrawn_at?.toISOString() ?? null, withdrawReason: row.withdraw_reason,
});

/**
 * Publishes the case's visits that intersect its infectious window [$2, $3) and ended within the
 * last `days` as notices, each widened by the margin. A visit already published keeps its notice
 * (its window follows a new margin or a later check-out); a withdrawn one stays withdrawn. Returns the rows written.
 */
export async function publishVisits(
  tx: Queryable,
  input: { caseId: string; personId: string; from: Date; to: Date; marginMinutes: number; days: number; by: string },
): Promise<{ id: string; created: boolean }[]> {
  return tx.query(
    `WITH visits AS (SELECT venue_id, starts_at AS visit_start, ends_at AS visit_end FROM (${EXPOSURE_VISITS}) e)
     INSERT INTO exposure_notices (case_id, venue_id, visit_started_at, starts_at, ends_at, margin_minutes, published_by)
     SELECT $4, venue_id, visit_start, visit_start - make_interval(mins => $5), visit_end + make_interval(mins => $5), $5, $6
     FROM visits WHERE visit_end + make_interval(mins => $5) > now() - make_interval(days => $7)
     ON CONFLICT (case_id, venue_id, visit_started_at) DO UPDATE SET starts_at = excluded.starts_at, ends_at = excluded.ends_at,
       margin_minutes = excluded.margin_minutes, updated_at = now()
     WHERE exposure_notices.status = 'active'
       AND (exposure_notices.starts_at, exposure_notices.ends_at) IS DISTINCT FROM (excluded.starts_at, excluded.ends_at)
     RETURNING id, (xmax = 0) AS created`,
    [input.personId, input.from, input.to, input.caseId, input.marginMinutes, input.by, input.days],
  );
}

export async function noticesOfCase(db: Queryable, caseId: string): Promise<Notice[]> {
  const rows = await db.query<NoticeRow>(`SELECT ${COLUMNS} FROM ${FROM} WHERE n.case_id = $1 ORDER BY n.starts_at, n.id`, [caseId]);
  return rows.map(presentNotice);
}

export async function findNoticeInScope(db: Queryable, id: string, scope: string | null): Promise<NoticeRow | null> {
  const [row] = await db.query<NoticeRow>(`SELECT ${COLUMNS} FROM ${FROM} WHERE n.id = $1 AND ${unitInScopeSql('k.commune_code', 2)} FOR UPDATE OF n`, [id, scope]);
  return row ?? null;
}

export async function withdraw(tx: Queryable, id: string, by: string, reason: string): Promise<void> {
  await tx.query(`UPDATE exposure_notices SET status = 'withdrawn', withdrawn_by = $2, withdrawn_at = now(), withdraw_reason = $3, updated_at = now() WHERE id = $1`, [id, by, reason]);
}

/** Active notices that ended within the last `days`: the venue and the window, nothing else. */
export async function activeNotices(db: Queryable, days: number): Promise<PublicNotice[]> {
  const rows = await db.query<{ id: string; venue_id: string; name: string; address: string | null; commune_code: string; lat: number; lon: number; starts_at: Date; ends_at: Date }>(
    `SELECT n.id, n.venue_id, v.name, v.address, v.commune_code, ST_Y(v.position::geometry) AS lat, ST_X(v.position::geometry) AS lon, n.starts_at, n.ends_at
     FROM exposure_notices n JOIN venues v ON v.id = n.venue_id
     WHERE n.status = 'active' AND n.ends_at > now() - make_interval(days => $1)
     ORDER BY n.starts_at DESC, n.id`,
    [days],
  );
  return rows.map((r) => ({
    id: r.id, venueId: r.venue_id, venueName: r.name, address: r.address, communeCode: r.commune_code,
    location: { lat: r.lat, lon: r.lon }, from: r.starts_at.toISOString(), to: r.ends_at.toISOString(),
  }));
}
