import { request } from '../lib/api';

export type Sex = 'male' | 'female' | 'other';

export interface Person {
  id: string;
  fullName: string;
  nationalId: string | null;
  birthDate: string | null;
  birthYear: number;
  sex: Sex | null;
  phone: string | null;
  address: string | null;
  communeCode: string;
  mergedInto: string | null;
  isDemo: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface Household {
  id: string;
  address: string | null;
  communeCode: string;
  headPersonId: string | null;
  members: { personId: string; fullName: string; relation: string | null; birthYear: number }[];
}

export type OrganisationKind =
  | 'factory'
  | 'office'
  | 'school'
  | 'market'
  | 'hospital'
  | 'shop'
  | 'restaurant'
  | 'farm'
  | 'religious'
  | 'transport'
  | 'other';

export interface PersonDetail extends Person {
  household: Household | null;
  organisations: { id: string; name: string; kind: OrganisationKind; team: string | null }[];
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface NewPerson {
  fullName: string;
  nationalId?: string;
  birthDate?: string;
  birthYear?: number;
  sex?: Sex;
  phone?: string;
  address?: string;
  communeCode: string;
}

export type DuplicateReason = 'national_id' | 'phone_birth_year' | 'name_birth_date_commune';
export interface DuplicatePair {
  a: Person;
  b: Person;
  reasons: DuplicateReason[];
}

export const searchPeople = (
  query: { q?: string; communeCode?: string; limit: number; offset: number },
  signal?: AbortSignal,
) => request<Page<Person>>('/api/v1/people', { query, signal });

export const createPerson = (person: NewPerson) =>
  request<Person>('/api/v1/people', { method: 'POST', body: person });

export const getPerson = (id: string, reason: string, signal?: AbortSignal) =>
  request<PersonDetail>(`/api/v1/people/${encodeURIComponent(id)}`, { query: { reason }, signal });

export const listDuplicates = (query: { limit: number; offset: number }, signal?: AbortSignal) =>
  request<Page<DuplicatePair>>('/api/v1/people/duplicates', { query, signal });

export const mergePeople = (survivorId: string, mergedId: string, reason: string) =>
  request<{ survivor: Person; moved: Record<string, number> }>(
    `/api/v1/people/${encodeURIComponent(survivorId)}/merge`,
    { method: 'POST', body: { mergedId, reason } },
  );

export const dismissDuplicate = (personA: string, personB: string) =>
  request<undefined>('/api/v1/people/duplicates/dismiss', { method: 'POST', body: { personA, personB } });
