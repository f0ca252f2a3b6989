// Citizens check themselves in by opening a venue's QR URL on their phone: the first time with
// their details (which become, or find, one person record), afterwards with the personal code the
// phone kept. The phone's generated id makes a retry the same check-in.
import type { Database } from '../../db/database.js';
import { invalidField, notFound } from '../../platform/errors.js';
import { closeVisit, VISIT_END_SQL } from './checkins.js';
import { findOrRegisterCitizen, personOfCode, selfPersonValues } from './citizens.js';
import { codeSigner } from './codes.js';
import { type CheckinRecord, writeRecords } from './ingest.js';
import type { SelfCheckinBody, SelfCheckinResult, SelfPerson } from './schema.js';
import { publicVenue, type PublicVenueRow, venueOfCode } from './venues.js';

/** How far back a phone may list its own check-ins. */
export const OWN_HISTORY_DAYS = 14;

export async function selfCheckin(db: Database, body: SelfCheckinBody): Promise<SelfCheckinResult & { created: boolean }> {
  if ((body.personCode === undefined) === (body.person === undefined)) throw invalidField('personCode', 'give either personCode or person, not both');
  const signer = await codeSigner(db);
  const venueRow = await venueOfCode(db, signer, body.venueCode, 'venueCode');
  if (venueRow.status !== 'active') throw invalidField('venueCode', 'this venue is closed');
  const now = new Date();
  const personValues = body.person ? await selfPersonValues(db, body.person) : null;
  const knownPerson = body.personCode ? await personOfCode(db, signer, body.personCode, 'personCode') : null;

  const { personId, result } = await db.transaction(async (tx) => {
    const personId = knownPerson ?? (await findOrRegisterCitizen(tx, personValues!));
    const record: CheckinRecord = { id: body.id, venueId: venueRow.id, personId, checkedInAt: now, checkedOutAt: null, method: 'venue_qr' };
    const existing = await tx.query<{ venue_id: string; person_id: string; checked_in_at: Date }>('SELECT venue_id, person_id, checked_in_at FROM checkins WHERE id = $1', [body.id]);
    // A retry of the same check-in (same phone id, venue and person) answers with the first one.
    if (existing[0]) {
      if (existing[0].venue_id !== venueRow.id || existing[0].person_id !== personId) throw invalidField('id', 'was already used for a different check-in');
      return { personId, result: { accepted: 0 } };
    }
    return { personId, result: await writeRecords(tx, [record], null) };
  });
  const checkin = await ownCheckin(db, body.id, personId);
  return { checkin, personCode: signer.sign('person', personId), repeat: result.accepted === 0, created: result.accepted === 1 };
}

async function ownCheckin(db: Database, id: string, personId: string): Promise<SelfCheckinResult['checkin']> {
  const rows = await ownCheckins(db, personId, id);
  if (!rows[0]) throw notFound('check-in');
  return rows[0];
}

async function ownCheckins(db: Database, personId: string, id: string | null): Promise<SelfCheckinResult['checkin'][]> {
  const rows = await db.query<{ id: string; checked_in_at: Date; checked_out_at: Date | null; ends_at: Date; venue_id: string } & Omit<PublicVenueRow, 'id'>>(
    `SELECT c.id, c.checked_in_at, c.checked_out_at, ${VISIT_END_SQL} AS ends_at,
            v.id AS venue_id, v.name, v.kind, v.address, u.name AS commune_name, v.default_dwell_minutes, v.status
     FROM checkins c JOIN venues v ON v.id = c.venue_id JOIN units u ON u.code = v.commune_code
     WHERE c.person_id = $1 AND ($2::uuid IS NULL OR c.id = $2) AND c.checked_in_at > now() - make_interval(days => $3)
     ORDER BY c.checked_in_at DESC LIMIT 100`,
    [personId, id, OWN_HISTORY_DAYS],
  );
  return rows.map((row) => ({
    id: row.id, venue: publicVenue({ ...row, id: row.venue_id }), checkedInAt: row.checked_in_at.toISOString(),
    checkedOutAt: row.checked_out_at?.toISOString() ?? null, endsAt: row.ends_at.toISOString(),
  }));
}

/** Check-out with one tap: only the person who checked in (their code) can close the visit. */
export async function selfCheckout(db: Database, id: string, personCode: string): Promise<SelfCheckinResult['checkin']> {
  const personId = await personOfCode(db, await codeSigner(db), personCode, 'personCode');
  await db.transaction(async (tx) => {
    const [row] = await tx.query<{ person_id: string }>('SELECT person_id FROM checkins WHERE id = $1', [id]);
    if (!row || row.person_id !== personId) throw notFound('check-in');
    await closeVisit(tx, id, new Date(), null);
  });
  return ownCheckin(db, id, personId);
}

/** The phone's own recent check-ins (the code is the citizen's key to them). */
export async function ownRecentCheckins(db: Database, personCode: string) {
  const personId = await personOfCode(db, await codeSigner(db), personCode, 'personCode');
  return { items: await ownCheckins(db, personId, null) };
}

/** A personal code without checking in anywhere (to show at a checkpoint or print on a card). */
export async function registerSelf(db: Database, person: SelfPerson): Promise<{ personCode: string }> {
  const values = await selfPersonValues(db, person);
  const signer = await codeSigner(db);
  const personId = await db.transaction((tx) => findOrRegisterCitizen(tx, values));
  return { personCode: signer.sign('person', personId) };
}
