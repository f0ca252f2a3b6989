// Calls of the check-in domain: venues and their codes, CSV import jobs, posters, and the statistics.
// The scanner's batch upload lives in scanSync.ts, the declarations in declarationsApi.ts.
import { request } from '../lib/api';
import { sendRaw, type Page } from '../places/api';

export const VENUE_KINDS = [
  'market', 'shop', 'restaurant', 'school', 'factory', 'office', 'place_of_worship', 'bus_station', 'hospital',
  'entry_checkpoint', 'hotel', 'public_office', 'other',
] as const;
export type VenueKind = (typeof VENUE_KINDS)[number];
export type VenueStatus = 'active' | 'closed';

export interface Venue {
  id: string;
  code: string | null;
  name: string;
  kind: VenueKind;
  address: string | null;
  communeCode: string;
  communeName: string;
  location: { lat: number; lon: number };
  ownerName: string | null;
  ownerPhone: string | null;
  defaultDwellMinutes: number;
  status: VenueStatus;
  codeVersion: number;
  qrUrl: string;
  createdAt: string;
  updatedAt: string;
}

export interface VenueInput {
  code?: string | null;
  name: string;
  kind: VenueKind;
  address?: string | null;
  communeCode: string;
  location: { lat: number; lon: number };
  ownerName?: string | null;
  ownerPhone?: string | null;
  defaultDwellMinutes?: number;
}

export interface VenueQuery {
  q?: string;
  kind?: string;
  communeCode?: string;
  status?: string;
  limit?: number;
  offset?: number;
}

export const listVenues = (query: VenueQuery, signal?: AbortSignal) => request<Page<Venue>>('/api/v1/venues', { query: { ...query }, signal });
export const createVenue = (body: VenueInput) => request<Venue>('/api/v1/venues', { method: 'POST', body });
export const updateVenue = (id: string, body: Partial<VenueInput> & { status?: VenueStatus }) =>
  request<Venue>(`/api/v1/venues/${id}`, { method: 'PATCH', body });
export const reissueCode = (id: string, reason?: string) =>
  request<Venue>(`/api/v1/venues/${id}/reissue-code`, { method: 'POST', body: reason ? { reason } : {} });

export interface ImportJob {
  id: string;
  status: 'checking' | 'writing' | 'done' | 'failed';
  total: number;
  processed: number;
  created?: number;
  updated?: number;
  /** "lines[3].kind" → the problem; nothing is written when there is any */
  problems?: Record<string, string>;
  problemCount?: number;
  message?: string;
}

export const CSV_HEADER = 'code,name,kind,address,commune_code,lat,lon,owner_name,owner_phone,default_dwell_minutes';
export const startImport = (csv: string) => sendRaw<ImportJob>('/api/v1/venues/import', 'text/csv', csv);
export const importJob = (id: string, signal?: AbortSignal) => request<ImportJob>(`/api/v1/venues/import/${id}`, { signal });

export const venuePosterPath = (id: string) => `/api/v1/venues/${id}/poster.pdf`;
export const communePostersPath = (communeCode: string) => `/api/v1/venues/posters.pdf?communeCode=${encodeURIComponent(communeCode)}`;

export { downloadWithToken } from '../lib/download';

export interface CheckinStats {
  from: string;
  to: string;
  unitCode: string | null;
  asOf: string;
  venues: { registered: number; active: number; activeInPeriod: number };
  scans: { total: number; perDay: number; allTime: number };
  days: { date: string; scans: number; people: number }[];
  communes: { code: string; name: string; venues: number; activeVenues: number; scans: number }[];
  topVenues: { id: string; name: string; kind: string; communeName: string; scans: number }[];
  /** declarations and flagged are null when the reader may not read declarations */
  checkpoints: { id: string; name: string; scans: number; declarations: number | null; flagged: number | null }[];
}

export const fetchCheckinStats = (query: { from: string; to: string; unitCode?: string }, signal?: AbortSignal) =>
  request<CheckinStats>('/api/v1/checkins/stats', { query, signal });

/** Today in Vietnam as YYYY-MM-DD, whatever the device's time zone. */
export const todayInVietnam = (now = new Date()) => now.toLocaleDateString('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });

/** A YYYY-MM-DD date moved by whole days. */
export function addDays(date: string, days: number): string {
  const moved = new Date(`${date}T00:00:00Z`);
  moved.setUTCDate(moved.getUTCDate() + days);
  return moved.toISOString().slice(0, 10);
}
