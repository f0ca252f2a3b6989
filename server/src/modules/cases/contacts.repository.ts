// SQL of contacts. A contact's scope is its case's unit: out-of-scope contacts are simply not found.
import type { Queryable } from '../../db/database.js';
import { unitInScopeSql } from '../../platform/scope.js';
import { maskPhone } from '../people/identity.js';
import type { Contact } from './contacts.schema.js';
import { FOLLOW_UP_DAYS } from './contacts.rules.js';

export interface ContactRow {
  id: string;
  case_id: string;
  person_id: string;
  person_name: string;
  phone: string | null;
  /** for a quarantine order at home; never presented */
  address: string | null;
  degree: Contact['degree'];
  via_contact_id: string | null;
  found_by: Contact['foundBy'];
  status: Contact['status'];
  last_exposure_at: Date | null;
  decided_at: Date | null;
  follow_up_until: string | null;
  follow_up_outcome: Contact['followUpOutcome'];
  follow_up_ended_at: Date | null;
  became_case_id: string | null;
  note: string | null;
  created_at: Date;
  updated_at: Date;
  /** the case's unit and person, for scope and for F2 tracing */
  case_commune_code: string;
  case_person_id: string;
}

interface ExposureRow { contact_id: string; venue_id: string; venue_name: string; first_overlap_start: Date; last_overlap_end: Date; overlap_minutes: number; margin_minutes: number }

const COLUMNS = `c.id, c.case_id, c.person_id, p.full_name AS person_name, p.phone, p.address, c.degree, c.via_contact_id, c.found_by, c.status,
  c.last_exposure_at, c.decided_at, c.follow_up_until, c.follow_up_outcome, c.follow_up_ended_at, c.became_case_id, c.note,
  c.created_at, c.updated_at, k.commune_code AS case_commune_code, k.person_id AS case_person_id`;
const FROM = 'contacts c JOIN people p ON p.id = c.person_id JOIN cases k ON k.id = c.case_id';

const iso = (at: Date | null) => at?.toISOString() ?? null;

/** The whitelist of what leaves the server about a contact. */
export function presentContact(row: ContactRow, exposures: ExposureRow[], fullPhone: boolean): Contact {
  return {
    id: row.id, caseId: row.case_id, personId: row.person_id, personName: row.person_name,
    phone: fullPhone ? row.phone : maskPhone(row.phone), degree: row.degree, viaContactId: row.via_contact_id,
    foundBy: row.found_by, status: row.status, lastExposureAt: iso(row.last_exposure_at), decidedAt: iso(row.decided_at),
    followUpUntil: row.follow_up_until, followUpOutcome: row.follow_up_outcome, followUpEndedAt: iso(row.follow_up_ended_at),
    becameCaseId: row.became_case_id, note: row.note,
    exposures: exposures.map((e) => ({
      venueId: e.venue_id, venueName: e.venue_name, firstOverlapStart: e.first_overlap_start.toISOString(),
      lastOverlapEnd: e.last_overlap_end.toISOString(), overlapMinutes: e.overlap_minutes, marginMinutes: e.margin_minutes,
    })),
    createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString(),
  };
}

/** The exposures of these contacts, grouped by contact, longest first. */
export async function exposuresOfContacts(db: Queryable, ids: string[]): Promise<Map<string, ExposureRow[]>> {
  const rows = await db.query<ExposureRow>(
    `SELECT e.contact_id, e.venue_id, v.name AS venue_name, e.first_overlap_start, e.last_overlap_end, e.overlap_minutes, e.margin_minutes
     FROM contact_exposures e JOIN venues v ON v.id = e.venue_id WHERE e.contact_id = ANY ($1::uuid[])
     ORDER BY e.overlap_minutes DESC, e.first_overlap_start`,
    [ids],
  );
  const byContact = new Map<string, ExposureRow[]>();
  for (const row of rows) byContact.set(row.contact_id, [...(byContact.get(row.contact_id) ?? []), row]);
  return byContact;
}

export async function presentContacts(db: Queryable, rows: ContactRow[], fullPhone: boolean): Promise<Contact[]> {
  const exposures = await exposuresOfContacts(db, rows.map((row) => row.id));
  return rows.map((row) => presentContact(row, exposures.get(row.id) ?? [], fullPhone));
}

export async function findContactInScope(db: Queryable, id: string, scope: string | null, lock = false): Promise<ContactRow | null> {
  const [row] = await db.query<ContactRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE c.id = $1 AND ${unitInScopeSql('k.commune_code', 2)}${lock ? ' FOR UPDATE OF c' : ''}`,
    [id, scope],
  );
  return row ?? null;
}

/** Contacts of one case among these ids, locked for a decision (in id order, so two requests cannot deadlock). */
export async function lockContactsOfCase(tx: Queryable, caseId: string, ids: string[]): Promise<ContactRow[]> {
  return tx.query<ContactRow>(`SELECT ${COLUMNS} FROM ${FROM} WHERE c.case_id = $1 AND c.id = ANY ($2::uuid[]) ORDER BY c.id FOR UPDATE OF c`, [caseId, ids]);
}

export async function contactsByIds(db: Queryable, ids: string[]): Promise<ContactRow[]> {
  return db.query<ContactRow>(`SELECT ${COLUMNS} FROM ${FROM} WHERE c.id = ANY ($1::uuid[]) ORDER BY c.degree, c.last_exposure_at DESC NULLS LAST, c.id`, [ids]);
}

export async function listContacts(db: Queryable, caseId: string, filters: { status: string | null; degree: string | null }, limit: number, offset: number) {
  const where = 'c.case_id = $1 AND ($2::text IS NULL OR c.status = $2) AND ($3::text IS NULL OR c.degree = $3)';
  const params = [caseId, filters.status, filters.degree];
  const rows = await db.query<ContactRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE ${where} ORDER BY c.degree, c.last_exposure_at DESC NULLS LAST, c.id LIMIT $4 OFFSET $5`,
    [...params, limit, offset],
  );
  const [count] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM contacts c WHERE ${where}`, params);
  return { rows, total: count?.n ?? 0 };
}

export interface Found { personId: string; lastExposureAt: Date | null }
export interface Upserted { id: string; person_id: string; inserted: boolean }

/**
 * Stores candidates, one per case and person (the table's unique key), so a run repeated adds only
 * new people. A known contact keeps its status (a rejected one stays rejected) and how it was first
 * found; its last exposure moves later if this run found a later one, and an open follow-up is
 * extended to match. Only rows of the same lineage are touched (F1 runs do not rewrite F2 contacts
 * and F2 runs touch only the F2 contacts of their F1), so the rows returned are the ones whose
 * evidence this run may refresh.
 */
export async function upsertCandidates(
  tx: Queryable,
  input: { caseId: string; degree: 'F1' | 'F2'; viaContactId: string | null; foundBy: Contact['foundBy']; createdBy: string; found: Found[] },
): Promise<Upserted[]> {
  if (input.found.length === 0) return [];
  return tx.query<Upserted>(
    `INSERT INTO contacts (case_id, person_id, degree, via_contact_id, found_by, last_exposure_at, created_by)
     SELECT $1, t.person_id, $2, $3, $4, t.last_at, $5 FROM unnest($6::uuid[], $7::timestamptz[]) AS t(person_id, last_at)
     ON CONFLICT (case_id, person_id) DO UPDATE SET
       last_exposure_at = greatest(contacts.last_exposure_at, excluded.last_exposure_at),
       follow_up_until = CASE WHEN contacts.status = 'confirmed' AND contacts.follow_up_outcome IS NULL
         THEN greatest(contacts.follow_up_until, (greatest(contacts.last_exposure_at, excluded.last_exposure_at) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date + ${FOLLOW_UP_DAYS})
         ELSE contacts.follow_up_until END,
       updated_at = now()
     WHERE contacts.via_contact_id IS NOT DISTINCT FROM excluded.via_contact_id
     RETURNING id, person_id, (xmax = 0) AS inserted`,
    [input.caseId, input.degree, input.viaContactId, input.foundBy, input.createdBy,
      input.found.map((f) => f.personId), input.found.map((f) => f.lastExposureAt?.toISOString() ?? null)],
  );
}

export interface ExposureFact { contactId: string; venueId: string; firstOverlapStart: Date; lastOverlapEnd: Date; overlapMinutes: number }

/** The evidence of place-and-time tracing, per contact and venue: the latest run's facts replace the earlier ones. */
export async function upsertExposures(tx: Queryable, facts: ExposureFact[], marginMinutes: number): Promise<void> {
  if (facts.length === 0) return;
  await tx.query(
    `INSERT INTO contact_exposures (contact_id, venue_id, first_overlap_start, last_overlap_end, overlap_minutes, margin_minutes)
     SELECT t.*, $6::int FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::timestamptz[], $5::int[]) AS t
     ON CONFLICT (contact_id, venue_id) DO UPDATE SET first_overlap_start = excluded.first_overlap_start,
       last_overlap_end = excluded.last_overlap_end, overlap_minutes = excluded.overlap_minutes, margin_minutes = excluded.margin_minutes`,
    [facts.map((f) => f.contactId), facts.map((f) => f.venueId), facts.map((f) => f.firstOverlapStart.toISOString()),
      facts.map((f) => f.lastOverlapEnd.toISOString()), facts.map((f) => f.overlapMinutes), marginMinutes],
  );
}

/** The other live members of a person's household (the records merged into others are left out). */
export async function householdMembersOf(db: Queryable, personId: string): Promise<string[]> {
  const rows = await db.query<{ person_id: string }>(
    `SELECT m.person_id FROM household_members own JOIN household_members m ON m.household_id = own.household_id
     JOIN people p ON p.id = m.person_id
     WHERE own.person_id = $1 AND m.person_id <> $1 AND p.merged_into IS NULL ORDER BY m.person_id`,
    [personId],
  );
  return rows.map((row) => row.person_id);
}

/** The earliest exposure known of a contact: F2 tracing starts there. */
export async function firstExposureOf(db: Queryable, contactId: string): Promise<Date | null> {
  const [row] = await db.query<{ at: Date | null }>('SELECT min(first_overlap_start) AS at FROM contact_exposures WHERE contact_id = $1', [contactId]);
  return row?.at ?? null;
}
