// The check-in at a vaccination site: the person is found by their personal QR code, national ID or
// record id, today's booking at the site is marked attended, and the vaccinator sees the person's
// doses, the next dose and what it may be. The client makes the visit's id, so a retried check-in is
// the same visit. Every answer shows personal data, so every one is an audited read.
import type { Database, Queryable } from '../../db/database.js';
import { type Actor, requirePermission } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { conflict, invalidField, notFound } from '../../platform/errors.js';
import { codeSigner } from '../checkins/codes.js';
import { todayInVietnam } from '../open/time.js';
import { findPersonInScope } from '../people/repository.js';
import type { Catalogue } from './catalogue.js';
import { historyOf, presentDose } from './doses.repository.js';
import { VACCINATION_RECORD } from './permissions.js';
import { findScreening } from './screening.repository.js';
import { requireVaccinationReader } from './stock.js';
import { findSiteInScope } from './stock.repository.js';
import { nextDoseOptions } from './visits.next.js';
import * as repo from './visits.repository.js';
import type { CheckInBody, Visit, VisitOutcome } from './visits.schema.js';
import { siteInScope } from './visits.scope.js';

const CHECK_IN_READ = 'vaccination visit check-in';

/** A personal code as scanned: the bare code, or the URL of the personal card ending in /p/<code>. */
export function bareCode(text: string): string {
  const trimmed = text.trim();
  const match = /\/p\/([A-Za-z0-9_-]{20,64})\/?(?:[?#].*)?$/.exec(trimmed);
  return match ? match[1]! : trimmed;
}

interface Identified {
  personId: string;
  identifiedBy: repo.IdentifiedBy;
}

/**
 * Who is checked in. A personal code or a national ID is shown by the person standing at the desk,
 * who may live anywhere (doses are given to anyone); a bare person id is picked from a list, so it
 * must be a person of the vaccinator's area.
 */
async function identify(db: Queryable, actor: Actor, body: CheckInBody): Promise<Identified> {
  const given = [body.personCode, body.nationalId, body.personId].filter((value) => value !== undefined).length;
  if (given !== 1) throw invalidField(body.personCode !== undefined ? 'personCode' : 'personId', 'give exactly one of personCode, nationalId or personId');
  if (body.personCode !== undefined) {
    const decoded = (await codeSigner(db)).verify(bareCode(body.personCode), 'person');
    if (!decoded) throw invalidField('personCode', 'is not a valid personal code (forged, altered or mistyped)');
    const personId = await repo.livePerson(db, decoded.id);
    if (!personId) throw invalidField('personCode', 'belongs to no registered person');
    return { personId, identifiedBy: 'personal_code' };
  }
  if (body.nationalId !== undefined) {
    const personId = await repo.personByNationalId(db, body.nationalId);
    if (!personId) throw invalidField('nationalId', 'no registered person has this national ID; register the person first');
    return { personId, identifiedBy: 'national_id' };
  }
  const inScope = await findPersonInScope(db, body.personId!, actor.unitCode);
  const personId = inScope ? await repo.livePerson(db, inScope.id) : null;
  if (!personId) throw invalidField('personId', 'no such person in your area');
  return { personId, identifiedBy: 'person_id' };
}

/** What the vaccinator sees of a visit, read inside the caller's transaction. */
export async function visitView(tx: Queryable, catalogue: Catalogue, visit: repo.VisitRow): Promise<Visit> {
  const rows = await historyOf(tx, visit.person_id);
  const history = rows.map((row) => ({ productCode: row.product_code, doseNumber: row.dose_number, administeredAt: row.administered_at }));
  const series = rows[0] ? catalogue.get(rows[0].product_code) : undefined;
  return {
    id: visit.id, siteId: visit.site_id, siteName: visit.site_name, checkedInAt: visit.checked_in_at.toISOString(), identifiedBy: visit.identified_by,
    person: { id: visit.person_id, fullName: visit.full_name, birthYear: visit.birth_year, sex: visit.sex },
    doses: rows.map(presentDose),
    primarySeriesComplete: series !== undefined && rows.length >= series.primaryDoses,
    next: nextDoseOptions(catalogue, history),
    booking: visit.booking_id ? await repo.findBooking(tx, visit.booking_id) : null,
    screening: await findScreening(tx, visit.id),
    doseId: visit.dose_id,
  };
}

export async function checkIn(db: Database, actor: Actor, catalogue: Catalogue, body: CheckInBody): Promise<VisitOutcome> {
  requirePermission(actor, VACCINATION_RECORD);
  const site = await findSiteInScope(db, body.siteId, actor.unitCode);
  if (!site) throw invalidField('siteId', 'no such vaccination site in your area');
  if (!site.active) throw invalidField('siteId', 'the site is closed');
  const who = await identify(db, actor, body);
  return db.transaction(async (tx) => {
    const known = await repo.lockVisit(tx, body.id);
    let repeat = true;
    if (!known) {
      const booking = await repo.lockTodaysBooking(tx, site.id, who.personId, todayInVietnam());
      repeat = !(await repo.insertVisit(tx, { id: body.id, siteId: site.id, personId: who.personId, bookingId: booking?.id ?? null, identifiedBy: who.identifiedBy, checkedInBy: actor.userId }));
      if (!repeat) {
        if (booking?.status === 'booked') await repo.markAttended(tx, booking.id);
        await audit(tx, actor, {
          action: 'check_in', entity: 'vaccination_visit', entityId: body.id,
          detail: { siteId: site.id, personId: who.personId, identifiedBy: who.identifiedBy, bookingId: booking?.id ?? null },
        });
      }
    }
    const visit = known ?? (await repo.findVisit(tx, body.id));
    if (!visit) throw conflict('this visit id was just used by another check-in; try again', { id: 'was used by another check-in' });
    if (visit.site_id !== site.id || visit.person_id !== who.personId) throw conflict('this visit id was already used for another check-in', { id: 'was already used for another check-in' });
    await audit(tx, actor, { action: 'read', entity: 'vaccination_visit', entityId: visit.id, reason: CHECK_IN_READ, detail: { personId: visit.person_id, siteId: visit.site_id } });
    return { ...(await visitView(tx, catalogue, visit)), repeat };
  });
}

/** A visit seen again (after a reload, or from the observation list): an audited read. */
export async function getVisit(db: Database, actor: Actor, catalogue: Catalogue, visitId: string, reason: string | undefined): Promise<Visit> {
  requireVaccinationReader(actor);
  return db.transaction(async (tx) => {
    const visit = await repo.findVisit(tx, visitId);
    if (!visit || !(await siteInScope(tx, visit.site_id, actor))) throw notFound('visit');
    await audit(tx, actor, { action: 'read', entity: 'vaccination_visit', entityId: visit.id, reason: reason ?? 'view vaccination visit', detail: { personId: visit.person_id, siteId: visit.site_id } });
    return visitView(tx, catalogue, visit);
  });
}

