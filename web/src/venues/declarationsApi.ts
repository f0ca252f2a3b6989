// Health declarations as checkpoint staff see them: personal data, so every read is audited, the lists
// with the reason the reader gave.
import { request } from '../lib/api';
import type { Page } from '../places/api';

export type Flag = 'green' | 'yellow' | 'red';

export interface VenueRef {
  id: string;
  name: string;
  kind: string;
}

export interface Declaration {
  id: string;
  kind: 'general' | 'entry';
  flag: Flag;
  reasons: string[];
  symptoms: string[];
  visitedPlaces: string | null;
  contactWithCase: boolean;
  beenToOutbreakArea: boolean;
  vaccination: string;
  entry: { direction: string; origin: string; destination: string; vehicle: string; plate: string | null } | null;
  travelDate: string | null;
  declaredAt: string;
  venue: VenueRef | null;
  presentedAt: string | null;
  presentedVenue: VenueRef | null;
  person: { id: string; fullName: string; birthYear: number; phone: string | null; nationalId: string | null };
}

export interface SummaryRow {
  date: string;
  venueId: string;
  venueName: string;
  venueKind: string;
  communeCode: string;
  total: number;
  red: number;
  yellow: number;
  green: number;
  in: number;
  out: number;
}

/** The declaration behind a scanned QR; with venueId it is marked as shown at that checkpoint. */
export const scanDeclaration = (code: string, venueId: string | undefined, signal?: AbortSignal) =>
  request<Declaration>(`/api/v1/declarations/by-code/${encodeURIComponent(code)}`, { query: { venueId }, signal });

export const declarationSummary = (query: { date?: string; unitCode?: string }, signal?: AbortSignal) =>
  request<{ items: SummaryRow[] }>('/api/v1/declarations/summary', { query, signal });

export const listDeclarations = (
  query: { venueId?: string; date?: string; flag?: Flag; reason: string; limit?: number; offset?: number },
  signal?: AbortSignal,
) => request<Page<Declaration>>('/api/v1/declarations', { query, signal });
