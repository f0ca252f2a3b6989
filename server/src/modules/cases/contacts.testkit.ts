// Test helpers of contacts and notices over HTTP: venues, people, check-ins, cases and households,
// each call a new record. Times are minutes on timeGrid (three days ago); the case's window is [-1440, 1440).
import assert from 'node:assert/strict';
import type { TestApp } from '../../testing/app.js';
import { buildPerson } from '../../testing/factories.js';
import { buildVenue } from '../checkins/factories.js';
import { buildCase, timeGrid } from './factories.js';

export const REASON = 'điều tra ca F0 số 17';

export function contactKit(t: () => TestApp) {
  const { at, visit } = timeGrid();
  const admin = () => t().adminToken;
  const created = async (method: string, url: string, body: unknown, status = 201): Promise<{ id: string }> => {
    const response = await t().request(method, url, { token: admin(), body });
    assert.equal(response.status, status, JSON.stringify(response.body));
    return response.body as { id: string };
  };
  const venue = async (overrides: Record<string, unknown> = {}) => (await created('POST', '/api/v1/venues', buildVenue(overrides))).id;
  const person = async (overrides: Record<string, unknown> = {}) => (await created('POST', '/api/v1/people', buildPerson(overrides))).id;
  /** People by name: `const p = await people('f0', 'a')` → p.f0, p.a. */
  const people = async <K extends string>(...names: K[]) => Object.fromEntries(await Promise.all(names.map(async (name) => [name, await person()]))) as Record<K, string>;
  const checkIn = async (items: unknown[]) => created('POST', '/api/v1/checkins/batch', { items }, 200);
  const openCase = async (personId: string) =>
    (await created('POST', '/api/v1/cases', buildCase(personId, { confirmedAt: at(1440), infectiousFrom: at(-1440), infectiousTo: at(1440) }))).id;
  const household = async (...members: string[]) => created('POST', '/api/v1/households', { communeCode: '31321', headPersonId: members[0], members: members.map((personId) => ({ personId })) });
  const propose = async (caseId: string, token = admin(), marginMinutes?: number) =>
    t().request('POST', `/api/v1/cases/${caseId}/contacts/propose`, { token, body: { reason: REASON, ...(marginMinutes === undefined ? {} : { marginMinutes }) } });
  const act = async (caseId: string, body: Record<string, unknown>, token = admin()) => t().request('POST', `/api/v1/cases/${caseId}/contacts/actions`, { token, body });
  const contactsOf = async (caseId: string, query = '') => {
    const response = await t().request('GET', `/api/v1/cases/${caseId}/contacts?reason=${encodeURIComponent(REASON)}${query}`, { token: admin() });
    assert.equal(response.status, 200, JSON.stringify(response.body));
    return response.body as { items: { id: string; personId: string; status: string; degree: string; foundBy: string; viaContactId: string | null; phone: string | null; exposures: { venueId: string; overlapMinutes: number }[] }[]; total: number };
  };
  /** A case whose person was at a venue 600–660 with two others: `a` (610–620) and `b` (640–700). */
  const tracedCase = async () => {
    const v = await venue();
    const p = await people('f0', 'a', 'b');
    await checkIn([visit(v, p.f0, 600, 660), visit(v, p.a, 610, 620), visit(v, p.b, 640, 700)]);
    return { venueId: v, ...p, caseId: await openCase(p.f0) };
  };
  return { at, visit, venue, person, people, checkIn, openCase, household, propose, act, contactsOf, tracedCase };
}
