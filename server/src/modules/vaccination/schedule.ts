// Vaccination sessions: a day at a site with one product, cut into time slots with a capacity each.
// Staff create them in their area; citizens see the open ones near them with the places left (no
// personal data); staff see who booked each slot (an audited read).
import type { Database } from '../../db/database.js';
import { type Actor, requirePermission } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { invalidField, notFound, validationFailed } from '../../platform/errors.js';
import { unitInScope, unitInScopeSql } from '../../platform/scope.js';
import { maskPhone } from '../people/identity.js';
import { addDays, todayInVietnam } from '../open/time.js';
import { VACCINATION_SCHEDULE } from './permissions.js';
import * as repo from './schedule.repository.js';
import type { CreateSessionBody, ListSessionsQuery, OpenSessionsQuery, Session } from './schedule.schema.js';
import { findSiteInScope } from './stock.repository.js';

/** Sessions may be planned this far ahead. */
const PLAN_AHEAD_DAYS = 120;
/** A list without dates shows this many days from today. */
const DEFAULT_LIST_DAYS = 30;

export async function createSession(db: Database, actor: Actor, body: CreateSessionBody): Promise<Session> {
  requirePermission(actor, VACCINATION_SCHEDULE);
  const fields: Record<string, string> = {};
  const today = todayInVietnam();
  if (body.sessionDate < today) fields.sessionDate = 'is in the past';
  else if (body.sessionDate > addDays(today, PLAN_AHEAD_DAYS)) fields.sessionDate = `is more than ${PLAN_AHEAD_DAYS} days ahead`;
  const site = await findSiteInScope(db, body.siteId, actor.unitCode);
  if (!site) fields.siteId = 'no such vaccination site in your area';
  else if (!site.active) fields.siteId = 'the site is closed';
  const [product] = await db.query('SELECT 1 FROM vaccine_products WHERE code = $1', [body.productCode]);
  if (!product) fields.productCode = `unknown product ${body.productCode}`;
  const slots = body.slots.map((slot) => ({ ...slot, startsAt: repo.localInstant(body.sessionDate, slot.start), endsAt: repo.localInstant(body.sessionDate, slot.end) }));
  const order = slots.map((slot, index) => ({ slot, index })).sort((a, b) => a.slot.startsAt.getTime() - b.slot.startsAt.getTime());
  order.forEach(({ slot, index }, position) => {
    if (slot.endsAt <= slot.startsAt) fields[`slots[${index}].end`] = 'must be after start';
    const before = order[position - 1];
    if (before && before.slot.endsAt > slot.startsAt) fields[`slots[${index}].start`] = `overlaps the slot ${before.slot.start}–${before.slot.end}`;
  });
  if (Object.keys(fields).length > 0) throw validationFailed(fields);
  return db.transaction(async (tx) => {
    const [session] = await tx.query<{ id: string }>(
      'INSERT INTO vaccination_sessions (site_id, session_date, product_code, note, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [body.siteId, body.sessionDate, body.productCode, body.note ?? null, actor.userId],
    );
    for (const { slot } of order) {
      await tx.query('INSERT INTO vaccination_slots (session_id, starts_at, ends_at, capacity) VALUES ($1, $2, $3, $4)', [session!.id, slot.startsAt, slot.endsAt, slot.capacity]);
    }
    await audit(tx, actor, {
      action: 'create', entity: 'vaccination_session', entityId: session!.id,
      detail: { siteId: body.siteId, sessionDate: body.sessionDate, productCode: body.productCode, slots: slots.length, capacity: slots.reduce((n, s) => n + s.capacity, 0) },
    });
    const [row] = await repo.presentSessions(tx, [(await repo.sessionInScope(tx, session!.id, null))!]);
    return row!;
  });
}

export async function listSessions(db: Database, actor: Actor, query: ListSessionsQuery): Promise<{ items: Session[] }> {
  requirePermission(actor, VACCINATION_SCHEDULE);
  const from = query.from ?? todayInVietnam();
  const to = query.to ?? addDays(from, DEFAULT_LIST_DAYS);
  if (to < from) throw invalidField('to', 'must not be before from');
  if (query.unitCode && !(await unitInScope(db, actor, query.unitCode))) throw invalidField('unitCode', 'is outside your scope');
  const rows = await db.query<repo.SessionRow>(
    `${repo.SESSION_SELECT} WHERE ${unitInScopeSql('st.commune_code', 1)} AND s.session_date BETWEEN $2 AND $3
       AND ($4::uuid IS NULL OR s.site_id = $4) AND ($5::text IS NULL OR $5 = ANY (u.path))
     ORDER BY s.session_date, st.name LIMIT 500`,
    [actor.unitCode, from, to, query.siteId ?? null, query.unitCode ?? null],
  );
  return { items: await repo.presentSessions(db, rows) };
}

/** Open sessions from today on near a commune (its district) or at a site: places left, no personal data. */
export async function openSessions(db: Database, query: OpenSessionsQuery): Promise<{ items: Session[] }> {
  if (query.communeCode) {
    const [unit] = await db.query<{ level: string }>('SELECT level FROM units WHERE code = $1', [query.communeCode]);
    if (!unit) throw invalidField('communeCode', `unknown unit code ${query.communeCode}`);
  }
  const rows = await db.query<repo.SessionRow>(
    `${repo.SESSION_SELECT} WHERE s.status = 'open' AND st.active AND s.session_date >= $1
       AND ($2::uuid IS NULL OR s.site_id = $2)
       AND ($3::text IS NULL OR u.parent_code = (SELECT COALESCE(c.parent_code, c.code) FROM units c WHERE c.code = $3) OR st.commune_code = $3)
       AND EXISTS (SELECT 1 FROM vaccination_slots sl WHERE sl.session_id = s.id AND sl.starts_at > now())
     ORDER BY (st.commune_code = $3) DESC, s.session_date, st.name LIMIT 100`,
    [todayInVietnam(), query.siteId ?? null, query.communeCode ?? null],
  );
  return { items: await repo.presentSessions(db, rows, true) };
}

/** Who booked each slot of a session: names and masked phones, an audited read. */
export async function sessionBookings(db: Database, actor: Actor, id: string, reason: string | undefined) {
  requirePermission(actor, VACCINATION_SCHEDULE);
  return db.transaction(async (tx) => {
    const row = await repo.sessionInScope(tx, id, actor.unitCode);
    if (!row) throw notFound('session');
    const [session] = await repo.presentSessions(tx, [row]);
    const bookings = await tx.query<{ id: string; slot_id: string; status: string; person_id: string; full_name: string; birth_year: number; phone: string | null; priority_group: string | null; booked_at: Date; channel: string }>(
      `SELECT b.id, b.slot_id, b.status, b.person_id, p.full_name, p.birth_year, p.phone, r.priority_group, b.booked_at, b.channel
       FROM vaccination_bookings b JOIN people p ON p.id = b.person_id LEFT JOIN vaccination_registrations r ON r.id = b.registration_id
       WHERE b.session_id = $1 AND b.status IN ('booked', 'attended') ORDER BY b.booked_at`,
      [id],
    );
    await audit(tx, actor, { action: 'read', entity: 'vaccination_session_bookings', entityId: id, reason: reason ?? 'session bookings', detail: { bookings: bookings.length } });
    return {
      session: session!,
      slots: session!.slots.map((slot) => ({
        slotId: slot.id, start: slot.start, end: slot.end,
        bookings: bookings.filter((b) => b.slot_id === slot.id).map((b) => ({
          id: b.id, status: b.status, personId: b.person_id, fullName: b.full_name, birthYear: b.birth_year, phone: maskPhone(b.phone),
          priorityGroup: b.priority_group, bookedAt: b.booked_at.toISOString(), channel: b.channel,
        })),
      })),
    };
  });
}
