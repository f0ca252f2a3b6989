// Test helpers of collection over HTTP, for this slice and the others (laboratory, results,
// rounds): a session, its people and a sealed tube, made through the public API only.
import assert from 'node:assert/strict';
import type { TestApp } from '../../testing/app.js';
import { buildPerson } from '../../testing/factories.js';
import { TEST_COMMUNE, buildSampleItem, buildSession, testBarcode } from './factories.js';

export interface CollectPoolOptions {
  /** People in the tube (sampled, or for representative modes sampled and represented). */
  members: number;
  /** default 'pooled'; 'individual' needs members 1 */
  mode?: 'individual' | 'pooled' | 'household_representative' | 'organisation_representative';
  testType?: 'rt_pcr' | 'rapid_antigen';
  pooling?: 'lab_aliquot' | 'collection_swab';
  /** Who does it: default the suite's admin. */
  token?: string;
  communeCode?: string;
  /** default true */
  seal?: boolean;
  /** Reuse a session instead of creating one. */
  sessionId?: string;
  /** Extra fields of the session created. */
  session?: Record<string, unknown>;
}

export interface CollectedPool {
  sessionId: string;
  barcode: string;
  tubeId: string;
  /** Every member: sampled first, then represented (representative modes). */
  personIds: string[];
  /** The sampled members (all of personIds except in representative modes). */
  sampledIds: string[];
}

function expectStatus(response: { status: number; body: unknown }, status: number): { id: string; items?: { tubeId: string }[] } {
  assert.equal(response.status, status, JSON.stringify(response.body));
  return response.body as { id: string; items?: { tubeId: string }[] };
}

/**
 * A session (unless `sessionId`), `members` new people and one tube holding them, sealed unless
 * `seal: false`. Household representative: one household of `members` people, the first (and the
 * second when five or more) sampled, representing the others. Organisation representative: an
 * organisation of `members` people, the first sampled for the rest of their team.
 */
export async function collectPool(t: () => TestApp, options: CollectPoolOptions): Promise<CollectedPool> {
  const app = t();
  const token = options.token ?? app.adminToken;
  const adminToken = app.adminToken;
  const mode = options.mode ?? 'pooled';
  const communeCode = options.communeCode ?? TEST_COMMUNE;
  assert.ok(options.members >= 1 && (mode !== 'individual' || options.members === 1), 'an individual tube holds one person');
  const personIds: string[] = [];
  for (let i = 0; i < options.members; i++) {
    personIds.push((expectStatus(await app.request('POST', '/api/v1/people', { token: adminToken, body: buildPerson({ communeCode }) }), 201)).id);
  }
  let organisationId: string | undefined;
  if (mode === 'household_representative') {
    expectStatus(await app.request('POST', '/api/v1/households', { token: adminToken, body: { communeCode, headPersonId: personIds[0], members: personIds.map((personId) => ({ personId })) } }), 201);
  } else if (mode === 'organisation_representative' && !options.sessionId) {
    organisationId = (expectStatus(await app.request('POST', '/api/v1/organisations', { token: adminToken, body: { name: `Công ty thử ${testBarcode()}`, kind: 'factory', communeCode } }), 201)).id;
    for (const personId of personIds) {
      expectStatus(await app.request('POST', `/api/v1/organisations/${organisationId}/members`, { token: adminToken, body: { personId, team: 'Tổ A' } }), 204);
    }
  }
  const sessionId = options.sessionId ?? (expectStatus(await app.request('POST', '/api/v1/testing/sessions', {
    token: adminToken,
    body: buildSession({
      mode, communeCode, ...(options.testType ? { testType: options.testType } : {}), ...(options.pooling ? { pooling: options.pooling } : {}),
      ...(organisationId ? { organisationId } : {}), ...options.session,
    }),
  }), 201)).id;

  const barcode = testBarcode();
  const representatives = mode === 'household_representative' ? (options.members >= 5 ? 2 : 1) : mode === 'organisation_representative' ? 1 : options.members;
  const sampledIds = personIds.slice(0, representatives);
  const represented = personIds.slice(representatives);
  const items = sampledIds.map((personId, i) => buildSampleItem(sessionId, barcode, personId, i === 0 && represented.length > 0 ? { represents: represented } : {}));
  const batch = expectStatus(await app.request('POST', '/api/v1/testing/samples/batch', { token, body: { items } }), 200);
  const tubeId = batch.items![0]!.tubeId;
  if (options.seal ?? true) expectStatus(await app.request('POST', `/api/v1/testing/tubes/${barcode}/seal`, { token }), 200);
  return { sessionId, barcode, tubeId, personIds, sampledIds };
}
