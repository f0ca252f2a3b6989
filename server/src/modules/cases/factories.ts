// Test builders of the cases module: each call makes a new, valid record.
import { randomUUID } from 'node:crypto';

/** A confirmed community case of that person, confirmed an hour ago, unless overridden. */
export function buildCase(personId: string, overrides: Record<string, unknown> = {}) {
  return { personId, confirmedAt: new Date(Date.now() - 3600_000).toISOString(), source: 'community', ...overrides };
}

/**
 * Times on a fixed grid for tracing tests: minute offsets from the start of an hour three days
 * ago (inside the presence retention period, never in the future).
 */
export function timeGrid() {
  const base = Math.floor((Date.now() - 3 * 86_400_000) / 3600_000) * 3600_000;
  const at = (minutes: number) => new Date(base + minutes * 60_000).toISOString();
  /** A check-in item from `from` to `to` (minutes on the grid); no `to`: no check-out. */
  const visit = (venueId: string, personId: string, from: number, to?: number) =>
    ({ id: randomUUID(), venueId, personId, checkedInAt: at(from), ...(to === undefined ? {} : { checkedOutAt: at(to) }) });
  return { at, visit };
}
