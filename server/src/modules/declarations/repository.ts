import type { Queryable } from '../../db/database.js';
import { unitInScopeSql } from '../../platform/scope.js';
import type { Declaration, DeclarationKind, Flag, SummaryRow } from './schema.js';

export interface DeclarationValues {
  id: string;
  personId: string;
  kind: DeclarationKind;
  venueId: string | null;
  symptoms: string[];
  visitedPlaces: string | null;
  contactWithCase: boolean;
  beenToOutbreakArea: boolean;
  vaccination: string;
  entry: { direction: string; origin: string; destination: string; vehicle: string; plate: string | null } | null;
  travelDate: string | null;
  flag: Flag;
  reasons: string[];
}

/** Writes a new declaration; false when one with this id exists already (a retry). */
export async function insertDeclaration(tx: Queryable, v: DeclarationValues): Promise<boolean> {
  const rows = await tx.query(
    `INSERT INTO declarations (id, person_id, kind, venue_id, symptoms, visited_places, contact_with_case, been_to_outbreak_area,
       vaccination, direction, origin, destination, vehicle, plate, travel_date, flag, flag_reasons)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [
      v.id, v.personId, v.kind, v.venueId, v.symptoms, v.visitedPlaces, v.contactWithCase, v.beenToOutbreakArea, v.vaccination,
      v.entry?.direction ?? null, v.entry?.origin ?? null, v.entry?.destination ?? null, v.entry?.vehicle ?? null, v.entry?.plate ?? null,
      v.travelDate, v.flag, v.reasons,
    ],
  );
  return rows.length > 0;
}

export interface DeclarationRow {
  id: string;
  person_id: string;
  kind: DeclarationKind;
  venue_id: string | null;
  symptoms: string[];
  visited_places: string | null;
  contact_with_case: boolean;
  been_to_outbreak_area: boolean;
  vaccination: string;
  direction: string | null;
  origin: string | null;
  destination: string | null;
  vehicle: string | null;
  plate: string | null;
  travel_date: string | null;
  flag: Flag;
  flag_reasons: string[];
  declared_at: Date;
  presented_at: Date | null;
  presented_venue_id: string | null;
  full_name: string;
  birth_year: number;
  phone: string | null;
  national_id: string | null;
  venue_name: string | null;
  venue_kind: string | null;
  presented_venue_name: string | null;
  presented_venue_kind: string | null;
}

const COLUMNS = `d.id, d.person_id, d.kind, d.venue_id, d.symptoms, d.visited_places, d.contact_with_case, d.been_to_outbreak_area,
  d.vaccination, d.direction, d.origin, d.destination, d.vehicle, d.plate, d.travel_date, d.flag, d.flag_reasons,
  d.declared_at, d.presented_at, d.presented_venue_id, p.full_name, p.birth_year, p.phone, p.national_id,
  v.name AS venue_name, v.kind AS venue_kind, pv.name AS presented_venue_name, pv.kind AS presented_venue_kind`;
const FROM = `declarations d JOIN people p ON p.id = d.person_id
  LEFT JOIN venues v ON v.id = d.venue_id LEFT JOIN venues pv ON pv.id = d.presented_venue_id`;

export function presentDeclaration(row: DeclarationRow): Declaration {
  return {
    id: row.id, kind: row.kind, flag: row.flag, reasons: row.flag_reasons, symptoms: row.symptoms, visitedPlaces: row.visited_places,
    contactWithCase: row.contact_with_case, beenToOutbreakArea: row.been_to_outbreak_area, vaccination: row.vaccination,
    entry: row.kind === 'entry'
      ? { direction: row.direction!, origin: row.origin!, destination: row.destination!, vehicle: row.vehicle!, plate: row.plate }
      : null,
    travelDate: row.travel_date, declaredAt: row.declared_at.toISOString(),
    venue: row.venue_id ? { id: row.venue_id, name: row.venue_name!, kind: row.venue_kind! } : null,
    presentedAt: row.presented_at?.toISOString() ?? null,
    presentedVenue: row.presented_venue_id ? { id: row.presented_venue_id, name: row.presented_venue_name!, kind: row.presented_venue_kind! } : null,
    person: { id: row.person_id, fullName: row.full_name, birthYear: row.birth_year, phone: row.phone, nationalId: row.national_id },
  };
}

export async function findDeclaration(db: Queryable, id: string): Promise<DeclarationRow | null> {
  const [row] = await db.query<DeclarationRow>(`SELECT ${COLUMNS} FROM ${FROM} WHERE d.id = $1`, [id]);
  return row ?? null;
}

export async function markPresented(tx: Queryable, id: string, venueId: string): Promise<void> {
  await tx.query('UPDATE declarations SET presented_at = now(), presented_venue_id = $2 WHERE id = $1', [id, venueId]);
}

// Venues belong to the check-in slice this module is part of (checkins/register.ts); only these
// facts of them are read here.
export interface VenueFacts {
  id: string;
  name: string;
  kind: string;
  status: 'active' | 'closed';
  code_version: number;
  commune_code: string;
}

/** A venue, or null when absent or (with a scope unit) outside that scope. */
export async function findVenue(db: Queryable, id: string, scopeUnit?: string | null): Promise<VenueFacts | null> {
  const scoped = scopeUnit === undefined ? '' : `AND ${unitInScopeSql('commune_code', 2)}`;
  const params = scopeUnit === undefined ? [id] : [id, scopeUnit];
  const [row] = await db.query<VenueFacts>(`SELECT id, name, kind, status, code_version, commune_code FROM venues WHERE id = $1 ${scoped}`, params);
  return row ?? null;
}

export interface ListFilter {
  venueId: string | null;
  /** the local day as an instant range [from, to), or null for every day kept */
  from: Date | null;
  to: Date | null;
  flag: Flag | null;
  kind: DeclarationKind | null;
  scopeUnit: string | null;
}

/**
 * A checkpoint's declarations: made there (venue_id, declared_at) or shown there (presented_venue_id,
 * presented_at) on the day, at a venue in the actor's scope. Red first, then the newest.
 */
export async function listDeclarations(db: Queryable, f: ListFilter, limit: number, offset: number): Promise<{ rows: DeclarationRow[]; total: number }> {
  const where = `(
      (d.venue_id IS NOT NULL AND ($1::uuid IS NULL OR d.venue_id = $1)
        AND ($2::timestamptz IS NULL OR (d.declared_at >= $2 AND d.declared_at < $3)) AND ${unitInScopeSql('v.commune_code', 4)})
      OR (d.presented_venue_id IS NOT NULL AND ($1::uuid IS NULL OR d.presented_venue_id = $1)
        AND ($2::timestamptz IS NULL OR (d.presented_at >= $2 AND d.presented_at < $3)) AND ${unitInScopeSql('pv.commune_code', 4)})
    ) AND ($5::text IS NULL OR d.flag = $5) AND ($6::text IS NULL OR d.kind = $6)`;
  const params = [f.venueId, f.from, f.to, f.scopeUnit, f.flag, f.kind];
  const [count] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${FROM} WHERE ${where}`, params);
  const rows = await db.query<DeclarationRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE ${where}
     ORDER BY CASE d.flag WHEN 'red' THEN 0 WHEN 'yellow' THEN 1 ELSE 2 END, coalesce(d.presented_at, d.declared_at) DESC, d.id
     LIMIT $7 OFFSET $8`,
    [...params, limit, offset],
  );
  return { rows, total: count?.n ?? 0 };
}

export interface SummaryFilter {
  from: Date | null;
  to: Date | null;
  unitCode: string | null;
  scopeUnit: string | null;
}

interface SummaryDbRow {
  day: string; venue_id: string; venue_name: string; venue_kind: string; commune_code: string;
  total: number; red: number; yellow: number; green: number; inbound: number; outbound: number;
}

/** Counts per venue and local day; a declaration made and shown at the same venue that day counts once. */
export async function summary(db: Queryable, f: SummaryFilter): Promise<SummaryRow[]> {
  const rows = await db.query<SummaryDbRow>(
    `WITH hits AS (
       SELECT d.id, d.venue_id AS venue_id, (d.declared_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS day, d.flag, d.direction
         FROM declarations d
        WHERE d.venue_id IS NOT NULL AND ($1::timestamptz IS NULL OR (d.declared_at >= $1 AND d.declared_at < $2))
       UNION
       SELECT d.id, d.presented_venue_id, (d.presented_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, d.flag, d.direction
         FROM declarations d
        WHERE d.presented_venue_id IS NOT NULL AND ($1::timestamptz IS NULL OR (d.presented_at >= $1 AND d.presented_at < $2))
     )
     SELECT h.day, h.venue_id, v.name AS venue_name, v.kind AS venue_kind, v.commune_code, count(*)::int AS total,
            count(*) FILTER (WHERE h.flag = 'red')::int AS red, count(*) FILTER (WHERE h.flag = 'yellow')::int AS yellow,
            count(*) FILTER (WHERE h.flag = 'green')::int AS green,
            count(*) FILTER (WHERE h.direction = 'in')::int AS inbound, count(*) FILTER (WHERE h.direction = 'out')::int AS outbound
       FROM hits h JOIN venues v ON v.id = h.venue_id JOIN units u ON u.code = v.commune_code
      WHERE ${unitInScopeSql('v.commune_code', 3)} AND ($4::text IS NULL OR $4 = ANY (u.path))
      GROUP BY h.day, h.venue_id, v.name, v.kind, v.commune_code
      ORDER BY h.day DESC, v.name, h.venue_id`,
    [f.from, f.to, f.scopeUnit, f.unitCode],
  );
  return rows.map((r) => ({
    date: r.day, venueId: r.venue_id, venueName: r.venue_name, venueKind: r.venue_kind, communeCode: r.commune_code,
    total: r.total, red: r.red, yellow: r.yellow, green: r.green, in: r.inbound, out: r.outbound,
  }));
}

/** Deletes declarations made before the cutoff; returns how many. */
export async function deleteDeclaredBefore(tx: Queryable, cutoff: Date): Promise<number> {
  const [row] = await tx.query<{ n: number }>('WITH gone AS (DELETE FROM declarations WHERE declared_at < $1 RETURNING 1) SELECT count(*)::int AS n FROM gone', [cutoff]);
  return row?.n ?? 0;
}
