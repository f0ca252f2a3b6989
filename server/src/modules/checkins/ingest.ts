// Ingest of check-ins from scanners and other systems. Each item carries a client-generated id:
// sending it again changes nothing (except bringing a missing check-out time). A batch is checked
// whole and written in one transaction: all items or none.
//
// Checking and writing is one statement (resolve.ts): the database looks venues and people up and
// inserts the rows that passed, and reports per item what it found. One round trip per batch or
// per group of single check-ins is what lets ingest keep pace with the network.
//
// Check-in rows are not copied into the audit log one by one: the row itself records who sent it
// (recorded_by, received_at, method), and an audit row per scan would keep who-was-where beyond the
// presence retention period. The audit log gets one entry per batch, with counts only.
import type { Database, Queryable } from '../../db/database.js';
import { type Actor, requirePermission } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import type { FieldErrors } from '../../platform/errors.js';
import { type CodeSigner, codeSigner } from './codes.js';
import { CHECKINS_WRITE } from './permissions.js';
import { type ItemProblems, itemField, type Named, namedFields, note, nothingWritten } from './problems.js';
import { type Candidate, resolveAndInsert } from './resolve.js';
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

/** Times: not in the future, not older than the retention period, check-out after check-in and within a day. */
function timeProblems(item: Pick<CheckinItem, 'checkedInAt' | 'checkedOutAt'>, i: number, options: IngestOptions, problems: ItemProblems) {
  const now = (options.now ?? new Date()).getTime();
  const oldest = now - options.retentionDays * 86_400_000;
  const start = Date.parse(item.checkedInAt);
  if (start > now + CLOCK_SKEW_MS) note(problems, i, 'checkedInAt', 'is in the future');
  else if (start < oldest) note(problems, i, 'checkedInAt', `is older than the retention period (${options.retentionDays} days)`);
  if (item.checkedOutAt) {
    const end = Date.parse(item.checkedOutAt);
    if (end < start) note(problems, i, 'checkedOutAt', 'is before checkedInAt');
    else if (end - start > MAX_VISIT_MS) note(problems, i, 'checkedOutAt', 'is more than 24 hours after checkedInAt');
    else if (end > now + CLOCK_SKEW_MS) note(problems, i, 'checkedOutAt', 'is in the future');
  }
}

/** The checks that need no database: times, one way of naming the person, the personal code's signature. */
function prepare(signer: CodeSigner, items: readonly CheckinItem[], options: IngestOptions, problems: ItemProblems): Candidate[] {
  const firstOfId = new Set<string>();
  return items.map((item, i) => {
    timeProblems(item, i, options, problems);
    const given = [item.personId, item.personCode, item.nationalId].filter((v) => v !== undefined).length;
    if (given !== 1) note(problems, i, 'personId', 'give exactly one of personId, personCode or nationalId');
    let personId = item.personId ?? null;
    if (item.personCode !== undefined) {
      personId = signer.verify(item.personCode, 'person')?.id ?? null;
      if (!personId) note(problems, i, 'personCode', 'is not a valid personal code (forged, altered or mistyped)');
    }
    // Only the first item with an id is inserted; a later one is compared with it as a repeat.
    const write = !problems.has(i) && !firstOfId.has(item.id);
    if (write) firstOfId.add(item.id);
    return {
      id: item.id, venueId: item.venueId, personId: item.nationalId !== undefined ? null : personId, nationalId: item.nationalId ?? null,
      personField: item.nationalId !== undefined ? 'nationalId' : item.personCode !== undefined ? 'personCode' : 'personId',
      checkedInAt: new Date(item.checkedInAt), checkedOutAt: item.checkedOutAt ? new Date(item.checkedOutAt) : null,
      method: item.method ?? (item.personCode ? 'personal_qr' : item.nationalId ? 'national_id' : 'api'), write,
    };
  });
}

/**
 * Checks the items and writes those that pass, in one statement. Returns each item's record, what
 * is wrong with which item, and the ids that were new (inserted now). Under a transaction the
 * caller decides whether a problem undoes everything (a batch) or only refuses that item (single
 * check-ins sent together).
 */
export async function checkAndInsert(db: Queryable, actor: Actor, items: readonly CheckinItem[], options: IngestOptions) {
  const problems: ItemProblems = new Map();
  const candidates = prepare(await codeSigner(db), items, options, problems);
  const { records, inserted } = await resolveAndInsert(db, actor, candidates, problems);
  return { records, problems, inserted };
}

const sameVisit = (a: Pick<CheckinRecord, 'venueId' | 'personId' | 'checkedInAt'>, b: Pick<CheckinRecord, 'venueId' | 'personId' | 'checkedInAt'>) =>
  a.venueId === b.venueId && a.personId === b.personId && a.checkedInAt.getTime() === b.checkedInAt.getTime();

/**
 * Items whose row was not inserted now (`inserted[i]` false): each must describe the stored visit
 * (else 400 naming its `id`), and a stored visit without check-out takes the one sent now. Returns
 * how many visits it closed.
 */
export async function settleRepeats(tx: Queryable, records: readonly CheckinRecord[], inserted: readonly boolean[], name: Named): Promise<number> {
  const known = records.map((record, i) => ({ record, i })).filter(({ i }) => !inserted[i]);
  if (known.length === 0) return 0;
  const firstIndex = new Map<string, number>();
  records.forEach((r, i) => { if (!firstIndex.has(r.id)) firstIndex.set(r.id, i); });
  const stored = new Map((await tx.query<{ id: string; venue_id: string; person_id: string; checked_in_at: Date; checked_out_at: Date | null }>(
    'SELECT id, venue_id, person_id, checked_in_at, checked_out_at FROM checkins WHERE id = ANY ($1::uuid[]) FOR UPDATE',
    [[...new Set(known.map(({ record }) => record.id))]],
  )).map((row) => [row.id, row]));
  const fields: FieldErrors = {};
  const closing = new Map<string, Date>();
  for (const { record, i } of known) {
    const row = stored.get(record.id);
    if (!row || !sameVisit({ venueId: row.venue_id, personId: row.person_id, checkedInAt: row.checked_in_at }, record)) {
      fields[name(i, 'id')] = firstIndex.get(record.id) === i ? 'was already used for a different check-in' : `repeats the id of items[${firstIndex.get(record.id)}] with a different check-in`;
    } else if (!row.checked_out_at && record.checkedOutAt) closing.set(record.id, record.checkedOutAt);
  }
  if (Object.keys(fields).length > 0) throw nothingWritten(fields);
  if (closing.size === 0) return 0;
  await tx.query(
    `UPDATE checkins c SET checked_out_at = i.checked_out_at FROM unnest($1::uuid[], $2::timestamptz[]) AS i(id, checked_out_at)
     WHERE c.id = i.id AND c.checked_out_at IS NULL`,
    [[...closing.keys()], [...closing.values()]],
  );
  return closing.size;
}

/** Writes records already checked (a citizen's own check-in): new ids inserted, repeats settled. */
export async function writeRecords(tx: Queryable, records: readonly CheckinRecord[], recordedBy: string | null): Promise<Omit<IngestResult, 'ids'>> {
  const inserted = await tx.query<{ id: string }>(
    `INSERT INTO checkins (id, venue_id, person_id, checked_in_at, checked_out_at, method, recorded_by)
     SELECT i.id, i.venue_id, i.person_id, i.checked_in_at, i.checked_out_at, i.method, $7::uuid
     FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::timestamptz[], $5::timestamptz[], $6::text[])
          AS i(id, venue_id, person_id, checked_in_at, checked_out_at, method)
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [records.map((r) => r.id), records.map((r) => r.venueId), records.map((r) => r.personId), records.map((r) => r.checkedInAt),
      records.map((r) => r.checkedOutAt), records.map((r) => r.method), recordedBy],
  );
  const fresh = new Set(inserted.map((row) => row.id));
  // Only the first record of an id can have been inserted now.
  const insertedNow = records.map((r, i) => fresh.has(r.id) && records.findIndex((other) => other.id === r.id) === i);
  const checkedOut = await settleRepeats(tx, records, insertedNow, itemField);
  return { accepted: fresh.size, repeats: records.length - fresh.size, checkedOut };
}

/** ⚑ A batch (POST /api/v1/checkins/batch): all items or none, with one audit row of counts. */
export async function ingestCheckins(db: Database, actor: Actor, items: readonly CheckinItem[], options: IngestOptions): Promise<IngestResult & { records: CheckinRecord[] }> {
  requirePermission(actor, CHECKINS_WRITE);
  return db.transaction(async (tx) => {
    const { records, problems, inserted } = await checkAndInsert(tx, actor, items, options);
    if (problems.size > 0) throw nothingWritten(namedFields(problems, itemField));
    const checkedOut = await settleRepeats(tx, records, inserted, itemField);
    const accepted = inserted.filter(Boolean).length;
    const counts = { accepted, repeats: items.length - accepted, checkedOut };
    await audit(tx, actor, { action: 'ingest', entity: 'checkin', detail: { items: items.length, ...counts } });
    return { ...counts, ids: items.map((item) => item.id), records };
  });
}
