// Test kit of the visit at a site: check-ins, screenings, bookings for today, personal codes. Tests
// drive these over HTTP; the one exception is a booking for a slot that has already started today,
// which the booking API rightly refuses, so it is written directly (see bookToday).
import { randomUUID } from 'node:crypto';
import type { TestApp } from '../../testing/app.js';
import { codeSigner } from '../checkins/codes.js';
import { todayInVietnam } from '../open/time.js';
import { CHECKLIST } from './screening.rules.js';
import { buildDose, createPerson, postDose, siteWithStock } from './vaccination.testkit.js';

function expect(response: { status: number; body: unknown }, status: number, what: string): any {
  if (response.status !== status) throw new Error(`${what}: expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** Every question that is not derived answered "no". */
export function fitAnswers(overrides: Record<string, boolean> = {}): Record<string, boolean> {
  const answers: Record<string, boolean> = {};
  for (const q of CHECKLIST.questions) if (!q.derived) answers[q.id] = false;
  return { ...answers, ...overrides };
}

/** A personal code as printed on the person's card (the same signer the server uses). */
export async function personalCode(t: TestApp, personId: string): Promise<string> {
  return (await codeSigner(t.db)).sign('person', personId);
}

export const postCheckIn = (t: TestApp, body: Record<string, unknown>, token = t.adminToken) =>
  t.request('POST', '/api/v1/vaccination/visits', { token, body: { id: randomUUID(), ...body } });

export const putScreening = (t: TestApp, visitId: string, body: Record<string, unknown>, token = t.adminToken) =>
  t.request('PUT', `/api/v1/vaccination/visits/${visitId}/screening`, { token, body });

/** A site with stock, a person, and that person checked in there. */
export async function checkedIn(t: TestApp, options: { person?: Record<string, unknown>; doses?: number } = {}) {
  const stock = await siteWithStock(t, { doses: options.doses ?? 20 });
  const personId = await createPerson(t, options.person);
  const visit = expect(await postCheckIn(t, { siteId: stock.siteId, personId }), 201, 'check-in');
  return { stock, personId, visitId: visit.id as string, visit };
}

/** Checked in and screened fit ("vaccinate"). */
export async function screenedFit(t: TestApp, options: { person?: Record<string, unknown> } = {}) {
  const visit = await checkedIn(t, options);
  expect(await putScreening(t, visit.visitId, { answers: fitAnswers(), temperatureC: 36.6, outcome: 'vaccinate' }), 200, 'screening');
  return visit;
}

/** Checked in, screened fit, and given a dose from the visit `minutesAgo` minutes ago. */
export async function vaccinatedAtVisit(t: TestApp, minutesAgo = 1) {
  const visit = await screenedFit(t);
  const administeredAt = new Date(Date.now() - minutesAgo * 60_000).toISOString();
  const dose = expect(await postDose(t, buildDose(visit.personId, visit.stock, { visitId: visit.visitId, administeredAt })), 201, 'dose');
  return { ...visit, doseId: dose.id as string, dose };
}

/**
 * A booking of the person for a session at the site today. The session is made over HTTP; the
 * booking too while today's last slot (23:00) has not started, else directly (the API refuses a
 * slot that has started, which is right for citizens and beside the point here).
 */
export async function bookToday(t: TestApp, siteId: string, personId: string): Promise<string> {
  const session = expect(await t.request('POST', '/api/v1/vaccination/sessions', {
    token: t.adminToken, body: { siteId, sessionDate: todayInVietnam(), productCode: 'PFIZER', slots: [{ start: '23:00', end: '23:59', capacity: 5 }] },
  }), 201, 'session');
  const slotId = (session.slots as { id: string; startsAt: string }[])[0]!;
  const id = randomUUID();
  if (Date.parse(slotId.startsAt) > Date.now() + 60_000) {
    expect(await t.request('POST', '/api/v1/vaccination/bookings', { token: t.adminToken, body: { id, slotId: slotId.id, personId } }), 201, 'booking');
  } else {
    await t.db.query(`INSERT INTO vaccination_bookings (id, session_id, slot_id, person_id, status, channel) VALUES ($1, $2, $3, $4, 'booked', 'staff')`, [id, session.id, slotId.id, personId]);
  }
  return id;
}

/** Audit rows of an entity and id. */
export const auditOf = (t: TestApp, entity: string, entityId: string) =>
  t.db.query<{ action: string; reason: string | null; detail: Record<string, unknown> | null }>(
    'SELECT action, reason, detail FROM audit_log WHERE entity = $1 AND entity_id = $2 ORDER BY at, id', [entity, entityId],
  );
