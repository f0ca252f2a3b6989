// The citizens' own calls: no account; the venue's code and the personal code stand for them.
import { request } from '../lib/api';

export type VenueKind =
  | 'market' | 'shop' | 'restaurant' | 'school' | 'factory' | 'office' | 'place_of_worship' | 'bus_station'
  | 'hospital' | 'entry_checkpoint' | 'hotel' | 'public_office' | 'other';

export interface PublicVenue {
  id: string;
  name: string;
  kind: VenueKind;
  address: string | null;
  communeName: string;
  defaultDwellMinutes: number;
  status: 'active' | 'closed';
}

/** What a citizen types once; communeCode null means "lives outside the province". */
export interface SelfPerson {
  fullName: string;
  phone: string;
  birthYear: number;
  nationalId?: string | null;
  communeCode?: string | null;
}

export interface OwnCheckin {
  id: string;
  venue: PublicVenue;
  checkedInAt: string;
  checkedOutAt: string | null;
  endsAt: string;
}

export interface SelfCheckinResult {
  checkin: OwnCheckin;
  personCode: string;
  repeat: boolean;
}

/** Who is checking in: the code this phone received, or (the first time) the typed details. */
export type Identity = { personCode: string } | { person: SelfPerson };

export const getVenueByCode = (code: string, signal?: AbortSignal) =>
  request<PublicVenue>(`/api/v1/venues/by-code/${encodeURIComponent(code)}`, { signal });

export const selfCheckin = (body: { id: string; venueCode: string } & Identity) =>
  request<SelfCheckinResult>('/api/v1/checkins/self', { method: 'POST', body });

export const selfCheckout = (id: string, personCode: string) =>
  request<OwnCheckin>(`/api/v1/checkins/self/${encodeURIComponent(id)}/checkout`, { method: 'POST', body: { personCode } });

// POST so the personal code stays out of URLs and logs.
export const ownHistory = (personCode: string, signal?: AbortSignal) =>
  request<{ items: OwnCheckin[] }>('/api/v1/checkins/self/history', { method: 'POST', body: { personCode }, signal });

export const getPersonalCode = (person: SelfPerson) =>
  request<{ personCode: string }>('/api/v1/personal-codes', { method: 'POST', body: { person } });

export const cardUrl = (personCode: string) => `/api/v1/personal-codes/${encodeURIComponent(personCode)}/card.pdf`;

// Health declarations (server/src/modules/declarations/schema.ts).

export const SYMPTOMS = [
  'fever', 'cough', 'shortness_of_breath', 'sore_throat', 'loss_of_taste_or_smell', 'fatigue', 'muscle_pain',
  'headache', 'runny_nose', 'diarrhoea',
] as const;
export type Symptom = (typeof SYMPTOMS)[number] | 'none';
export const VACCINATIONS = ['none', 'one_dose', 'full', 'booster', 'unknown'] as const;
export type Vaccination = (typeof VACCINATIONS)[number];
export const VEHICLES = ['car', 'motorbike', 'bus', 'truck', 'boat', 'other'] as const;
export type Vehicle = (typeof VEHICLES)[number];
export type DeclarationKind = 'general' | 'entry';
export type Flag = 'green' | 'yellow' | 'red';

export interface EntryAnswers {
  direction: 'in' | 'out';
  origin: string;
  destination: string;
  vehicle: Vehicle;
  plate?: string | null;
}

export type DeclarationBody = {
  id: string;
  kind: DeclarationKind;
  venueCode?: string;
  symptoms: Symptom[];
  visitedPlaces?: string | null;
  contactWithCase: boolean;
  beenToOutbreakArea?: boolean;
  vaccination: Vaccination;
  entry?: EntryAnswers;
  travelDate?: string | null;
} & Identity;

export interface DeclarationReceipt {
  id: string;
  kind: DeclarationKind;
  flag: Flag;
  reasons: string[];
  declaredAt: string;
  travelDate: string | null;
  declarationCode: string;
  personCode: string;
  repeat: boolean;
}

export const createDeclaration = (body: DeclarationBody) =>
  request<DeclarationReceipt>('/api/v1/declarations', { method: 'POST', body });

/** What the QR codes encode: opened by a camera app they land on /p/… or /d/…, which explain them. */
export const personalQrUrl = (personCode: string) => `${window.location.origin}/p/${personCode}`;
export const declarationQrUrl = (code: string) => `${window.location.origin}/d/${code}`;
