// Test builders of the check-in module: each call makes a new, valid, distinct record.
import { randomUUID } from 'node:crypto';

let sequence = 0;

/** A valid venue to POST, in Phường III (31321, Vị Thanh), unless overridden. */
export function buildVenue(overrides: Record<string, unknown> = {}) {
  const n = ++sequence;
  return {
    name: `Chợ Vị Thanh số ${n}`,
    kind: 'market',
    address: `${n} Trần Hưng Đạo`,
    communeCode: '31321',
    location: { lat: 9.78 + n * 0.0001, lon: 105.47 },
    defaultDwellMinutes: 45,
    ...overrides,
  };
}

/** A check-in item at that venue for that person, `minutesAgo` before now. */
export function buildCheckin(venueId: string, personId: string, minutesAgo = 30, overrides: Record<string, unknown> = {}) {
  return { id: randomUUID(), venueId, personId, checkedInAt: new Date(Date.now() - minutesAgo * 60_000).toISOString(), ...overrides };
}

/** Details a citizen types on their phone the first time. */
export function buildSelfPerson(overrides: Record<string, unknown> = {}) {
  const n = ++sequence;
  return { fullName: `Trần Thị Khai ${n}`, phone: `0907${String(100_000 + n).slice(-6)}`, birthYear: 1990, communeCode: '31321', ...overrides };
}

/** The code at the end of a venue's QR URL. */
export const codeOfUrl = (url: string) => url.slice(url.lastIndexOf('/') + 1);
