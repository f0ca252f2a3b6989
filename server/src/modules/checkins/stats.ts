// Check-in statistics for staff: scans per day, per commune, per venue and per checkpoint, and the
// figures the province reported in 2021 (QR points, total scans, scans a day), all computed from
// the records inside the reader's scope. Counts only: no person is named, so reads are not audited.
import { Type, type Static } from 'typebox';
import type { Database } from '../../db/database.js';
import { type Actor, can } from '../../platform/actor.js';
import { invalidField, notFound } from '../../platform/errors.js';
import { unitInScope } from '../../platform/scope.js';
import { declarationSummary } from '../declarations/service.js';
import { addDays, daysBetween, todayInVietnam, vietnamDaysRange } from '../open/time.js';

const LocalDate = Type.String({ format: 'date', description: 'YYYY-MM-DD, a day in Vietnam' });
const DEFAULT_DAYS = 14;
const ZONE = `'Asia/Ho_Chi_Minh'`;

export const CheckinStatsQuery = Type.Object({
  from: Type.Optional(LocalDate),
  to: Type.Optional(LocalDate),
  unitCode: Type.Optional(Type.String({ pattern: '^[0-9]{2,5}$', description: 'province, district or commune; default: your own unit' })),
});
export type CheckinStatsQuery = Static<typeof CheckinStatsQuery>;

export const CheckinStats = Type.Object({
  from: Type.String(),
  to: Type.String(),
  unitCode: Type.Union([Type.String(), Type.Null()]),
  asOf: Type.String({ format: 'date-time' }),
  venues: Type.Object({
    registered: Type.Integer({ description: 'QR points registered (open or closed)' }),
    active: Type.Integer({ description: 'open QR points' }),
    activeInPeriod: Type.Integer({ description: 'QR points with at least one scan in the period' }),
  }),
  scans: Type.Object({
    total: Type.Integer({ description: 'scans in the period' }),
    perDay: Type.Number({ description: 'average scans a day in the period' }),
    allTime: Type.Integer({ description: 'every scan still kept (older ones are purged after the retention period)' }),
  }),
  days: Type.Array(Type.Object({ date: Type.String(), scans: Type.Integer(), people: Type.Integer() })),
  communes: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), venues: Type.Integer(), activeVenues: Type.Integer(), scans: Type.Integer() })),
  topVenues: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), kind: Type.String(), communeName: Type.String(), scans: Type.Integer() })),
  checkpoints: Type.Array(Type.Object({
    id: Type.String(), name: Type.String(), scans: Type.Integer(),
    declarations: Type.Union([Type.Integer(), Type.Null()], { description: 'null when your role may not read declarations' }),
    flagged: Type.Union([Type.Integer(), Type.Null()]),
  })),
});
export type CheckinStats = Static<typeof CheckinStats>;

export async function checkinStats(db: Database, actor: Actor, query: CheckinStatsQuery): Promise<CheckinStats> {
  const to = query.to ?? todayInVietnam();
  const from = query.from ?? addDays(to, -(DEFAULT_DAYS - 1));
  if (from > to) throw invalidField('from', 'is after to');
  if (daysBetween(from, to) > 367) throw invalidField('from', 'the period is longer than a year');
  const unitCode = query.unitCode ?? actor.unitCode;
  if (unitCode && !(await unitInScope(db, actor, unitCode))) throw notFound('unit');
  const { start, end } = vietnamDaysRange(from, to);
  // Venues of the unit; $1 NULL means every unit (a national administrator without a unit filter).
  const inUnit = `v.commune_code IN (SELECT code FROM units WHERE $1::text IS NULL OR $1 = ANY (path))`;
  const period = 'c.checked_in_at >= $2 AND c.checked_in_at < $3';
  const params = [unitCode, start, end];

  const [venues] = await db.query<{ registered: number; active: number }>(
    `SELECT count(*)::int AS registered, count(*) FILTER (WHERE v.status = 'active')::int AS active FROM venues v WHERE ${inUnit}`, [unitCode]);
  const [scans] = await db.query<{ total: number; venues: number }>(
    `SELECT count(*)::int AS total, count(DISTINCT c.venue_id)::int AS venues FROM checkins c JOIN venues v ON v.id = c.venue_id WHERE ${inUnit} AND ${period}`, params);
  const [kept] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM checkins c JOIN venues v ON v.id = c.venue_id WHERE ${inUnit}`, [unitCode]);
  const dayRows = await db.query<{ date: string; scans: number; people: number }>(
    `SELECT (c.checked_in_at AT TIME ZONE ${ZONE})::date::text AS date, count(*)::int AS scans, count(DISTINCT c.person_id)::int AS people
     FROM checkins c JOIN venues v ON v.id = c.venue_id WHERE ${inUnit} AND ${period} GROUP BY 1 ORDER BY 1`, params);
  const communes = await db.query<{ code: string; name: string; venues: number; active_venues: number; scans: number }>(
    `SELECT u.code, u.name, count(DISTINCT v.id)::int AS venues, count(DISTINCT c.venue_id)::int AS active_venues, count(c.id)::int AS scans
     FROM venues v JOIN units u ON u.code = v.commune_code LEFT JOIN checkins c ON c.venue_id = v.id AND ${period}
     WHERE ${inUnit} GROUP BY u.code, u.name ORDER BY scans DESC, u.name`, params);
  const top = await db.query<{ id: string; name: string; kind: string; commune_name: string; scans: number }>(
    `SELECT v.id, v.name, v.kind, u.name AS commune_name, count(*)::int AS scans
     FROM checkins c JOIN venues v ON v.id = c.venue_id JOIN units u ON u.code = v.commune_code
     WHERE ${inUnit} AND ${period} GROUP BY v.id, v.name, v.kind, u.name ORDER BY scans DESC, v.name LIMIT 10`, params);
  const checkpoints = await db.query<{ id: string; name: string; scans: number }>(
    `SELECT v.id, v.name, count(c.id)::int AS scans FROM venues v LEFT JOIN checkins c ON c.venue_id = v.id AND ${period}
     WHERE ${inUnit} AND v.kind = 'entry_checkpoint' GROUP BY v.id, v.name ORDER BY v.name`, params);

  const declarations = new Map<string, { total: number; flagged: number }>();
  const readable = can(actor, 'declarations:read');
  if (readable) {
    const { items } = await declarationSummary(db, actor, unitCode ? { unitCode } : {});
    for (const row of items.filter((r) => r.date >= from && r.date <= to)) {
      const sum = declarations.get(row.venueId) ?? { total: 0, flagged: 0 };
      declarations.set(row.venueId, { total: sum.total + row.total, flagged: sum.flagged + row.red + row.yellow });
    }
  }
  const dayCount = daysBetween(from, to);
  const byDate = new Map(dayRows.map((row) => [row.date, row]));
  return {
    from, to, unitCode, asOf: new Date().toISOString(),
    venues: { registered: venues!.registered, active: venues!.active, activeInPeriod: scans!.venues },
    scans: { total: scans!.total, perDay: Math.round((scans!.total / dayCount) * 10) / 10, allTime: kept!.n },
    days: Array.from({ length: dayCount }, (_, i) => addDays(from, i)).map((date) => byDate.get(date) ?? { date, scans: 0, people: 0 }),
    communes: communes.map((row) => ({ code: row.code, name: row.name, venues: row.venues, activeVenues: row.active_venues, scans: row.scans })),
    topVenues: top.map((row) => ({ id: row.id, name: row.name, kind: row.kind, communeName: row.commune_name, scans: row.scans })),
    checkpoints: checkpoints.map((row) => {
      const counted = declarations.get(row.id);
      return { id: row.id, name: row.name, scans: row.scans, declarations: readable ? (counted?.total ?? 0) : null, flagged: readable ? (counted?.flagged ?? 0) : null };
    }),
  };
}
