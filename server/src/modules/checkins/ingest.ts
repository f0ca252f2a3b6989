// Ingest of check-ins from scanners and other systems. Each item carries a client-generated id:
// sending it again changes nothing (except bringing a missing check-out time). A batch is checked
// whole before anything is written, then written in one statement: all items or none.
//
// Check-in rows are not copied into the audit log one by one: the row itself records who sent it
// (recorded_by, received_at, method), and an audit row per scan would keep who-was-where beyond the
// presence retention period. The audit log gets one entry per batch, with counts only.
import type { Database, Queryable } from '../../db/database.js';
import { type Actor, requirePermission } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { type FieldErrors, validationFailed } from '../../platform/errors.js';
import { scopeParam, unitInScopeSql } from '../../platform/scope.js';
import { codeSigner } from './codes.js';
import { CHECKINS_WRITE } from './permissions.js';
import type { CheckinItem, CheckinMethod, IngestResult } from './schema.js';

/** Phones' clocks run a little fast; anything further ahead is refused. */
export const CLOCK_SKEW_MS = 5 * 60_000;
export const MAX_VISIT_MS = 24 * 3600_000;

export interface IngestOptions {
  retentionDays: number;
  now?: Date;
}

/** A check-in ready to write: ids resolved, times parsed. */
export interface CheckinRecord {
  id: string;
  venueId: string;
  personId: string;
  checkedInAt: Date;
  checkedOutAt: Date | null;
  method: CheckinMethod;
  /** the venue's facts, known after checking (to answer without reading the row back) */
  venue?: { name: string; dwellMinutes: number };
}

type Named = (i: number, field: string) => string;
export const itemField: Named = (i, field) => `items[${i}].${field}`;

/** Times: not in the future, not older than the retention period, check-out after check-in and within a day. */
export function timeProblems(items: readonly Pick<CheckinItem, 'checkedInAt' | 'checkedOutAt'>[], options: IngestOptions, name: Named): FieldErrors {
  const fields: FieldErrors = {};
  const now = (options.now ?? new Date()).getTime();
  const oldest = now - options.retentionDays * 86_400_000;
  items.forEach((item, i) => {
    const start = Date.parse(item.checkedInAt);
    if (start > now + CLOCK_SKEW_MS) fields[name(i, 'checkedInAt')] = 'is in the future';
    else if (start < oldest) fields[name(i, 'checkedInAt')] = `is older than the retention period (${options.retentionDays} days)`;
    if (item.checkedOutAt) {
      const end = Date.parse(item.checkedOutAt);
      if (end < start) fields[name(i, 'checkedOutAt')] = 'is before checkedInAt';
      else if (end - start > MAX_VISIT_MS) fields[name(i, 'checkedOutAt')] = 'is more than 24 hours after checkedInAt';
      else if (end > now + CLOCK_SKEW_MS) fields[name(i, 'checkedOutAt')] = 'is in the future';
    }
  });
  return fields;
}

/** Resolves every item's person (id, scanned personal code or typed national ID) and checks its venue. */
async function resolveItems(db: Queryable, actor: Actor, items: readonly CheckinItem[], fields: FieldErrors): Promise<CheckinRecord[]> {
  const signer = await codeSigner(db);
  const personIds: (string | null)[] = [];
  const nationalIds = new Set<string>();
  items.forEach((item, i) => {
    const given = [item.personId, item.personCode, item.nationalId].filter((v) => v !== undefined).length;
    if (given !== 1) fields[itemField(i, 'personId')] = 'give exactly one of personId, personCode or nationalId';
    if (item.personCode !== undefined) {
      const decoded = signer.verify(item.personCode, 'person');
      if (!decoded) fields[itemField(i, 'personCode')] = 'is not a valid personal code (forged, altered or mistyped)';
      personIds.push(decoded?.id ?? null);
    } else {
      personIds.push(item.personId ?? null);
      if (item.nationalId) nationalIds.add(item.nationalId);
    }
  });

  const venueIds = [...new Set(items.map((item) => item.venueId))];
  const venues = new Map((await db.query<{ id: string; in_scope: boolean; name: string; default_dwell_minutes: number }>(
    `SELECT v.id, ${unitInScopeSql('v.commune_code', 2)} AS in_scope, v.name, v.default_dwell_minutes FROM venues v WHERE v.id = ANY ($1::uuid[])`,
    [venueIds, scopeParam(actor)],
  )).map((row) => [row.id, row]));

  // Merged records forward to the survivor, so a scan of an old card still lands on the one identity.
  const wanted = [...new Set(personIds.filter((id): id is string => id !== null))];
  // (A scalar subquery, not a self-join: the planner then looks each id up by primary key.)
  const people = new Map((await db.query<{ id: string; live_id: string }>(
    `SELECT p.id, CASE WHEN p.merged_into IS NULL THEN p.id
              ELSE coalesce((SELECT m.id FROM people m WHERE m.id = p.merged_into AND m.merged_into IS NULL), p.id) END AS live_id
     FROM people p WHERE p.id = ANY ($1::uuid[])`,
    [wanted],
  )).map((row) => [row.id, row.live_id]));
  const byNationalId = new Map(nationalIds.size === 0 ? [] : (await db.query<{ national_id: string; id: string }>(
    'SELECT DISTINCT ON (national_id) national_id, id FROM people WHERE national_id = ANY ($1::text[]) AND merged_into IS NULL ORDER BY national_id, created_at',
    [[...nationalIds]],
  )).map((row) => [row.national_id, row.id]));

  return items.map((item, i) => {
    const venue = venues.get(item.venueId);
    if (venue === undefined) fields[itemField(i, 'venueId')] = 'no such venue';
    else if (!venue.in_scope) fields[itemField(i, 'venueId')] = 'is outside your scope';
    let personId: string | undefined;
    if (item.nationalId !== undefined) {
      personId = byNationalId.get(item.nationalId);
      if (!personId) fields[itemField(i, 'nationalId')] ??= 'no registered person has this national ID; register the person first';
    } else if (personIds[i]) {
      personId = people.get(personIds[i]);
      if (!personId) fields[itemField(i, item.personCode !== undefined ? 'personCode' : 'personId')] ??= 'no such person';
    }
    const method: CheckinMethod = item.method ?? (item.personCode ? 'personal_qr' : item.nationalId ? 'national_id' : 'api');
    return {
      id: item.id, venueId: item.venueId, personId: personId ?? '', checkedInAt: new Date(item.checkedInAt),
      checkedOutAt: item.checkedOutAt ? new Date(item.checkedOutAt) : null, method,
      ...(venue ? { venue: { name: venue.name, dwellMinutes: venue.default_dwell_minutes } } : {}),
    };
  });
}

/** Items repeating an id inside the batch must repeat its content too. */
function repeatedIdProblems(records: readonly CheckinRecord[], fields: FieldErrors) {
  const first = new Map<string, number>();
  records.forEach((record, i) => {
    const j = first.get(record.id);
    if (j === undefined) first.set(record.id, i);
    else if (!sameVisit(records[j]!, record)) fields[itemField(i, 'id')] = `repeats the id of items[${j}] with a different check-in`;
  });
}

const sameVisit = (a: Pick<CheckinRecord, 'venueId' | 'personId' | 'checkedInAt'>, b: Pick<CheckinRecord, 'venueId' | 'personId' | 'checkedInAt'>) =>
  a.venueId === b.venueId && a.personId === b.personId && a.checkedInAt.getTime() === b.checkedInAt.getTime();

/** Checks every item; throws 400 naming each bad item's index and field, or returns the records to write. */
export async function checkItems(db: Queryable, actor: Actor, items: readonly CheckinItem[], options: IngestOptions): Promise<CheckinRecord[]> {
  const fields = timeProblems(items, options, itemField);
  const records = await resolveItems(db, actor, items, fields);
  repeatedIdProblems(records, fields);
  if (Object.keys(fields).length > 0) {
    const count = Object.keys(fields).length;
    throw validationFailed(fields, `nothing was written: ${count} problem(s); ${Object.entries(fields).slice(0, 5).map(([f, r]) => `${f}: ${r}`).join('; ')}`);
  }
  return records;
}

/**
 * Writes checked records in one statement set: new ids are inserted, known ids must describe the
 * same visit (else 400 and nothing is written), and a known check-in without check-out takes the
 * one sent now.
 */
export async function writeRecords(tx: Queryable, records: readonly CheckinRecord[], recordedBy: string | null): Promise<Omit<IngestResult, 'ids'>> {
  const unique = [...new Map(records.map((r) => [r.id, r])).values()];
  const inserted = await tx.query<{ id: string }>(
    `INSERT INTO checkins (id, venue_id, person_id, checked_in_at, checked_out_at, method, recorded_by)
     SELECT i.id, i.venue_id, i.person_id, i.checked_in_at, i.checked_out_at, i.method, $7::uuid
     FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::timestamptz[], $5::timestamptz[], $6::text[])
          AS i(id, venue_id, person_id, checked_in_at, checked_out_at, method)
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [unique.map((r) => r.id), unique.map((r) => r.venueId), unique.map((r) => r.personId), unique.map((r) => r.checkedInAt),
      unique.map((r) => r.checkedOutAt), unique.map((r) => r.method), recordedBy],
  );
  const fresh = new Set(inserted.map((row) => row.id));
  const known = unique.filter((r) => !fresh.has(r.id));
  let checkedOut = 0;
  if (known.length > 0) {
    const stored = new Map((await tx.query<{ id: string; venue_id: string; person_id: string; checked_in_at: Date; checked_out_at: Date | null }>(
      'SELECT id, venue_id, person_id, checked_in_at, checked_out_at FROM checkins WHERE id = ANY ($1::uuid[]) FOR UPDATE',
      [known.map((r) => r.id)],
    )).map((row) => [row.id, row]));
    const fields: FieldErrors = {};
    const closing: CheckinRecord[] = [];
    for (const record of known) {
      const row = stored.get(record.id)!;
      if (!sameVisit({ venueId: row.venue_id, personId: row.person_id, checkedInAt: row.checked_in_at }, record)) {
        fields[itemField(records.indexOf(record), 'id')] = 'was already used for a different check-in';
      } else if (!row.checked_out_at && record.checkedOutAt) closing.push(record);
    }
    if (Object.keys(fields).length > 0) throw validationFailed(fields, `nothing was written: ${Object.entries(fields).map(([f, r]) => `${f}: ${r}`).join('; ')}`);
    if (closing.length > 0) {
      await tx.query(
        `UPDATE checkins c SET checked_out_at = i.checked_out_at FROM unnest($1::uuid[], $2::timestamptz[]) AS i(id, checked_out_at)
         WHERE c.id = i.id AND c.checked_out_at IS NULL`,
        [closing.map((r) => r.id), closing.map((r) => r.checkedOutAt)],
      );
      checkedOut = closing.length;
    }
  }
  return { accepted: fresh.size, repeats: records.length - fresh.size, checkedOut };
}

export async function ingestCheckins(db: Database, actor: Actor, items: readonly CheckinItem[], options: IngestOptions): Promise<IngestResult & { records: CheckinRecord[] }> {
  requirePermission(actor, CHECKINS_WRITE);
  const records = await checkItems(db, actor, items, options);
  // One item is one INSERT, atomic on its own: no transaction (and no audit row: see the top of this file).
  const counts = items.length === 1
    ? await writeRecords(db, records, actor.userId)
    : await db.transaction(async (tx) => {
      const result = await writeRecords(tx, records, actor.userId);
      await audit(tx, actor, { action: 'ingest', entity: 'checkin', detail: { items: items.length, ...result } });
      return result;
    });
  return { ...counts, ids: items.map((item) => item.id), records };
}
