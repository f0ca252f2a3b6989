// Public exposure notices compared with this phone's own check-ins, on the phone: nothing about the
// phone's history is sent. A check-in is exposed when its visit [checkedInAt, endsAt) meets a notice's
// [from, to) at the same venue (the notice is already widened by the margin: docs/API-TRACING.md).
import { request } from '../lib/api';
import type { OwnCheckin } from './api';
import type { PendingCheckin } from './storage';

export interface PublicNotice {
  id: string;
  venueId: string;
  venueName: string;
  address: string | null;
  communeCode: string;
  location: { lat: number; lon: number };
  from: string;
  to: string;
}

export interface PublicNotices {
  days: number;
  items: PublicNotice[];
}

export const getExposureNotices = (signal?: AbortSignal) => request<PublicNotices>('/api/v1/open/exposure-notices', { signal });

/** A visit as this phone knows it: sent check-ins, and taps still waiting for the network. */
export interface Visit {
  venueId: string;
  venueName: string;
  start: number;
  end: number;
}

export interface ExposureMatch {
  notice: PublicNotice;
  /** the phone's visit that met it */
  visitStart: string;
}

export function visitsOf(checkins: readonly OwnCheckin[], pending: readonly PendingCheckin[]): Visit[] {
  const sent = checkins.map((c) => ({ venueId: c.venue.id, venueName: c.venue.name, start: Date.parse(c.checkedInAt), end: Date.parse(c.endsAt) }));
  const waiting = pending.map((p) => {
    const start = Date.parse(p.tappedAt);
    return { venueId: p.venue.id, venueName: p.venue.name, start, end: start + p.venue.defaultDwellMinutes * 60_000 };
  });
  return [...sent, ...waiting].filter((v) => Number.isFinite(v.start) && Number.isFinite(v.end));
}

/** Half-open intervals: a visit that ends exactly when the notice starts is not an exposure. */
export function matchExposures(visits: readonly Visit[], notices: readonly PublicNotice[]): ExposureMatch[] {
  const matches: ExposureMatch[] = [];
  for (const notice of notices) {
    const from = Date.parse(notice.from);
    const to = Date.parse(notice.to);
    const visit = visits
      .filter((v) => v.venueId === notice.venueId && v.start < to && v.end > from)
      .sort((a, b) => a.start - b.start)[0];
    if (visit) matches.push({ notice, visitStart: new Date(visit.start).toISOString() });
  }
  return matches.sort((a, b) => b.notice.to.localeCompare(a.notice.to));
}
