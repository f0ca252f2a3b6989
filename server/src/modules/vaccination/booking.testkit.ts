// Test kit of registration and booking: identities, registrations (citizen and staff), sessions with
// slots. Tests use these over HTTP; nothing here writes to the database directly.
import { randomUUID } from 'node:crypto';
import type { TestApp } from '../../testing/app.js';
import { nationalIdFor } from '../../testing/factories.js';
import { addDays, todayInVietnam } from '../open/time.js';
import { COMMUNE, createSite } from './vaccination.testkit.js';

let sequence = 0;

/** A valid identity a citizen types; the national ID matches the birth date and sex. */
export function buildIdentity(overrides: Record<string, unknown> = {}) {
  const n = ++sequence + process.pid % 1000 * 1000;
  const birthDate = (overrides.birthDate as string | undefined) ?? '1980-06-01';
  const sex = (overrides.sex as 'male' | 'female' | undefined) ?? 'female';
  return {
    fullName: `Trần Thị Đăng Ký ${n}`,
    birthDate, sex,
    phone: `08${String(10_000_000 + n * 7).slice(-8)}`,
    nationalId: nationalIdFor(Number(birthDate.slice(0, 4)), sex === 'male' ? 'male' : 'female', 500_000 + n),
    communeCode: COMMUNE,
    address: `Số ${n} đường Trần Hưng Đạo`,
    ...overrides,
  };
}

export function buildSelfRegistration(overrides: Record<string, unknown> = {}, person: Record<string, unknown> = {}) {
  return { id: randomUUID(), priorityGroup: 'teachers', person: buildIdentity(person), screening: { acute_illness: false }, ...overrides };
}

function expect(response: { status: number; body: unknown }, status: number | number[], what: string): any {
  const ok = Array.isArray(status) ? status.includes(response.status) : response.status === status;
  if (!ok) throw new Error(`${what}: expected ${String(status)}, got ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

export const postSelfRegistration = (t: TestApp, body: unknown) => t.request('POST', '/api/v1/open/vaccination/registrations', { body });

/** A citizen's registration: its id and manage token. */
export async function registerCitizen(t: TestApp, overrides: Record<string, unknown> = {}, person: Record<string, unknown> = {}) {
  const body = expect(await postSelfRegistration(t, buildSelfRegistration(overrides, person)), 201, 'self registration');
  return { id: body.registration.id as string, token: body.manageToken as string };
}

/** A session at a new site (or the given one) in `days` days, with slots of the given capacities from 08:00, one hour each. */
export async function createSession(t: TestApp, options: { capacities?: number[]; days?: number; siteId?: string; communeCode?: string; token?: string } = {}) {
  const siteId = options.siteId ?? (await createSite(t, options.communeCode ?? COMMUNE));
  const slots = (options.capacities ?? [2]).map((capacity, i) => ({ start: `${String(8 + i).padStart(2, '0')}:00`, end: `${String(9 + i).padStart(2, '0')}:00`, capacity }));
  const body = { siteId, sessionDate: addDays(todayInVietnam(), options.days ?? 2), productCode: 'PFIZER', slots };
  const session = expect(await t.request('POST', '/api/v1/vaccination/sessions', { token: options.token ?? t.adminToken, body }), 201, 'session');
  return { siteId, sessionId: session.id as string, slotIds: (session.slots as { id: string }[]).map((slot) => slot.id), session };
}

export const bookSelf = (t: TestApp, token: string, slotId: string, id = randomUUID()) =>
  t.request('POST', '/api/v1/open/vaccination/bookings', { body: { id, manageToken: token, slotId } });

/** The outbox messages whose dedupe key starts with `prefix`. */
export const outboxMessages = (t: TestApp, prefix: string) =>
  t.db.query<{ dedupe_key: string; recipient: string; person_id: string; template: string; payload: Record<string, string> }>(
    'SELECT dedupe_key, recipient, person_id, template, payload FROM outbox_messages WHERE dedupe_key LIKE $1 ORDER BY created_at, dedupe_key', [`${prefix}%`],
  );

/** Audit rows of an entity written since `since`. */
export const auditRows = (t: TestApp, entity: string, since: Date) =>
  t.db.query<{ action: string; actor_username: string; reason: string | null; detail: Record<string, unknown> | null }>(
    'SELECT action, actor_username, reason, detail FROM audit_log WHERE entity = $1 AND at >= $2 ORDER BY at', [entity, since],
  );
