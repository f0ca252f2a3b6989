// Cases, contacts, exposure notices and chains (contract: docs/API-TRACING.md).
import { request } from '../lib/api';
import type { Page } from '../people/api';

export const CASE_SOURCES = ['community', 'in_quarantine', 'imported'] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];
export type CaseStatus = 'active' | 'recovered' | 'deceased';

export interface Case {
  id: string;
  personId: string;
  personName: string;
  classification: 'suspected' | 'confirmed';
  reportedAt: string;
  confirmedAt: string | null;
  onsetDate: string | null;
  isolatedAt: string | null;
  infectiousFrom: string;
  infectiousTo: string;
  source: CaseSource;
  status: CaseStatus;
  recoveredAt: string | null;
  deceasedAt: string | null;
  communeCode: string;
  createdAt: string;
  updatedAt: string;
}

export interface NewCase {
  personId: string;
  confirmedAt: string;
  onsetDate?: string;
  source: CaseSource;
}

export type ContactStatus = 'candidate' | 'confirmed' | 'rejected';
export type FoundBy = 'place_time' | 'household' | 'named' | 'imported';

export interface Contact {
  id: string;
  caseId: string;
  personId: string;
  personName: string;
  phone: string | null;
  degree: 'F1' | 'F2';
  viaContactId: string | null;
  foundBy: FoundBy;
  status: ContactStatus;
  lastExposureAt: string | null;
  followUpUntil: string | null;
  followUpOutcome: 'completed' | 'became_case' | 'lost' | null;
  followUpEndedAt: string | null;
  becameCaseId: string | null;
  note: string | null;
  exposures: { venueId: string; venueName: string; firstOverlapStart: string; lastOverlapEnd: string; overlapMinutes: number; marginMinutes: number }[];
}

export interface ContactCheck {
  checkedOn: string;
  symptoms: string[];
  temperatureC: number | null;
  note: string | null;
  recordedAt: string;
}

export interface ContactDetail extends Contact {
  checks: ContactCheck[];
  testOrders: { id: string; dueOn: string; site: string | null; status: 'ordered' | 'sampled' | 'resulted' | 'cancelled'; orderedAt: string }[];
  quarantineOrders: { id: string; kind: 'home' | 'facility'; place: string | null; startsOn: string; endsOn: string; status: 'ordered' | 'completed' | 'cancelled'; orderedAt: string }[];
}

export const OUTCOMES = ['completed', 'became_case', 'lost'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface NewCheck {
  checkedOn: string;
  symptoms: string[];
  temperatureC?: number | null;
  note?: string | null;
}

export interface NewContact {
  personId: string;
  foundBy: 'named' | 'imported';
  lastExposureAt?: string | null;
  note?: string | null;
}

export interface ProposeResult {
  caseId: string;
  marginMinutes: number;
  exposureVisits: number;
  added: number;
  updated: number;
  items: Contact[];
}

export const ACTIONS = ['confirm', 'reject', 'order_test', 'order_quarantine', 'notify'] as const;
export type ContactAction = (typeof ACTIONS)[number];

export interface ActionsBody {
  contactIds: string[];
  action: ContactAction;
  quarantine?: { kind: 'home' | 'facility'; from: string; to: string; place?: string };
  test?: { dueOn?: string; site?: string };
  note?: string;
}

export interface ActionResult {
  contactId: string;
  status: ContactStatus;
  changed: boolean;
  orderId: string | null;
  messages: number;
  note: string | null;
}

export interface Notice {
  id: string;
  venueId: string;
  venueName: string;
  from: string;
  to: string;
  marginMinutes: number;
  status: 'active' | 'withdrawn';
  publishedAt: string;
  withdrawnAt: string | null;
  withdrawReason: string | null;
}

const base = (id: string) => `/api/v1/cases/${encodeURIComponent(id)}`;

export const listCases = (query: { status?: string; personId?: string; limit: number; offset: number }, signal?: AbortSignal) =>
  request<Page<Case>>('/api/v1/cases', { query, signal });

export const createCase = (body: NewCase) => request<Case>('/api/v1/cases', { method: 'POST', body });

export const getCase = (id: string, signal?: AbortSignal) => request<Case>(base(id), { signal });

export const proposeContacts = (id: string, reason: string) =>
  request<ProposeResult>(`${base(id)}/contacts/propose`, { method: 'POST', body: { reason } });

export const listContacts = (id: string, reason: string, signal?: AbortSignal) =>
  request<Page<Contact>>(`${base(id)}/contacts`, { query: { reason, limit: 500 }, signal });

export const contactActions = (id: string, body: ActionsBody) =>
  request<{ action: ContactAction; results: ActionResult[] }>(`${base(id)}/contacts/actions`, { method: 'POST', body });

export const listNotices = (id: string, signal?: AbortSignal) => request<{ items: Notice[] }>(`${base(id)}/exposure-notices`, { signal });

export const publishNotices = (id: string, reason: string) =>
  request<{ published: number; updated: number; items: Notice[] }>(`${base(id)}/exposure-notices`, { method: 'POST', body: { reason } });


export const withdrawNotice = (id: string, reason: string) =>
  request<Notice>(`/api/v1/exposure-notices/${encodeURIComponent(id)}/withdraw`, { method: 'POST', body: { reason } });

export const addContact = (caseId: string, body: NewContact) => request<Contact>(`${base(caseId)}/contacts`, { method: 'POST', body });

const contactBase = (id: string) => `/api/v1/contacts/${encodeURIComponent(id)}`;

export const getContact = (id: string, reason: string, signal?: AbortSignal) => request<ContactDetail>(contactBase(id), { query: { reason }, signal });

/** One a day: the same day again replaces that day's check. */
export const recordCheck = (id: string, body: NewCheck) => request<ContactCheck>(`${contactBase(id)}/checks`, { method: 'POST', body });

export const endFollowUp = (id: string, body: { outcome: Outcome; caseId?: string; note?: string }) =>
  request<ContactDetail>(`${contactBase(id)}/end-follow-up`, { method: 'POST', body });

/** F2 on request, from a confirmed F1: its own visits and household, stored as F2 candidates of the same case. */
export const traceFromContact = (id: string, reason: string) => request<ProposeResult>(`${contactBase(id)}/trace`, { method: 'POST', body: { reason } });
