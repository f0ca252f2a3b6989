// Test builders of testing (collection): each call makes a new, valid, distinct record to POST.
// Other testing slices (laboratory, results, rounds) import these: keep the signatures stable.
import { randomBytes, randomUUID } from 'node:crypto';

let sequence = 0;

/** Phường III, Vị Thanh: the commune the shared people factory puts people in. */
export const TEST_COMMUNE = '31321';

/** A barcode no other call (in any process) returns; not a Vigil-issued `VG…` code, so no check digit. */
export function testBarcode(): string {
  return `T${randomBytes(5).toString('hex').toUpperCase()}${++sequence}`;
}

/**
 * A session to POST to /api/v1/testing/sessions: a pooled RT-PCR session in TEST_COMMUNE that
 * started an hour ago and ends in seven hours, pooling from kept aliquots, unless overridden.
 * Overriding `mode` to anything but `pooled` drops `pooling` unless it is given too.
 */
export function buildSession(overrides: Record<string, unknown> = {}) {
  const n = ++sequence;
  const now = Date.now();
  const mode = (overrides.mode as string | undefined) ?? 'pooled';
  return {
    name: `Điểm lấy mẫu số ${n}`,
    communeCode: TEST_COMMUNE,
    startsAt: new Date(now - 3600_000).toISOString(),
    endsAt: new Date(now + 7 * 3600_000).toISOString(),
    team: ['Tổ 1'],
    testType: 'rt_pcr',
    mode,
    ...(mode === 'pooled' ? { pooling: 'lab_aliquot' } : {}),
    ...overrides,
  };
}

/** How a sample item names its person: an id, or one of the alternatives. */
export type PersonRef = string | { personId: string } | { personCode: string } | { nationalId: string } | { walkIn: Record<string, unknown> };

const personFields = (who: PersonRef) => (typeof who === 'string' ? { personId: who } : who);

/** A sample item: that person sampled into that tube of that session a minute ago, with a fresh client id. */
export function buildSampleItem(sessionId: string, tubeBarcode: string, who: PersonRef, overrides: Record<string, unknown> = {}) {
  return { id: randomUUID(), sessionId, tubeBarcode, ...personFields(who), sampledAt: new Date(Date.now() - 60_000).toISOString(), ...overrides };
}

/** A walk-in's details (no record yet) living in TEST_COMMUNE: `{walkIn: buildWalkIn()}`. */
export function buildWalkIn(overrides: Record<string, unknown> = {}) {
  const n = ++sequence;
  return { fullName: `Lê Văn Vãng ${n}`, birthYear: 1979, phone: `0939${String(100_000 + (n % 900_000)).slice(-6)}`, communeCode: TEST_COMMUNE, ...overrides };
}

/** Items putting each person into one tube, as the collector's phone sends them. */
export function buildPoolItems(sessionId: string, tubeBarcode: string, people: readonly PersonRef[], overrides: Record<string, unknown> = {}) {
  return people.map((who) => buildSampleItem(sessionId, tubeBarcode, who, overrides));
}
