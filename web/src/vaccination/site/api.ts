// The vaccinator's desk talks to the server through these (server: modules/vaccination, visits.routes.ts,
// routes.ts for doses, sites and stock). Types mirror the server's response schemas.
import { request } from '../../lib/api';

export interface SiteOption { id: string; name: string; communeCode: string; active: boolean }
export interface StockLine {
  holder: { unitCode: string | null; siteId: string | null; name: string };
  lot: { id: string; productCode: string; lotNumber: string; expiresOn: string };
  onHand: number;
  warnings: string[];
}
export interface Dose {
  id: string; personId: string; productCode: string; lotId: string; lotNumber: string; siteId: string; siteName: string;
  doseNumber: number; kind: 'primary' | 'booster'; administeredAt: string; visitId: string | null;
}
export interface NextDose {
  status: 'due' | 'none'; doseNumber: number; kind: 'primary' | 'booster'; seriesProductCode: string | null;
  earliestDate?: string; dueToday?: boolean; products?: string[]; reason?: string;
}
export type Outcome = 'vaccinate' | 'postpone' | 'refer';
export type QuestionKind = 'contraindication' | 'postpone' | 'precaution' | 'info';
export interface Screening {
  visitId: string; checklistVersion: string; answers: Record<string, boolean>; temperatureC: number | null;
  assessment: 'fit' | 'precaution' | 'postpone' | 'contraindication'; findings: { questionId: string; kind: QuestionKind; from: string }[];
  allowedOutcomes: Outcome[]; outcome: Outcome; postponeUntil: string | null; referTo: string | null; reason: string | null; note: string | null; screenedAt: string;
}
export interface Visit {
  id: string; siteId: string; siteName: string; checkedInAt: string; identifiedBy: 'personal_code' | 'national_id' | 'person_id';
  person: { id: string; fullName: string; birthYear: number; sex: string | null };
  doses: Dose[]; primarySeriesComplete: boolean; next: NextDose;
  booking: { id: string; sessionId: string; sessionDate: string; productCode: string; slotStartsAt: string | null; slotEndsAt: string | null; status: string } | null;
  screening: Screening | null; doseId: string | null; repeat?: boolean;
}
export interface ChecklistQuestion { id: string; kind: QuestionKind; text: { vi: string; en: string }; derived?: string; minAge?: number; measure?: string; threshold?: number }
export interface Checklist { version: string; source: string; questions: ChecklistQuestion[] }
export interface ObservationItem {
  doseId: string; visitId: string; person: { id: string; fullName: string; birthYear: number }; productCode: string; lotNumber: string;
  doseNumber: number; startedAt: string; dueAt: string; minutesLeft: number; due: boolean;
}
export interface ObservationList { siteId: string; asOf: string; minutes: number; items: ObservationItem[] }

export const AEFI_SYMPTOMS = [
  'injection_site_reaction', 'fever', 'headache', 'fatigue', 'myalgia', 'chills', 'nausea_vomiting', 'diarrhoea', 'dizziness', 'syncope',
  'rash', 'urticaria', 'angioedema', 'difficulty_breathing', 'anaphylaxis', 'hypotension', 'chest_pain', 'palpitations', 'seizure',
  'paralysis', 'thrombosis', 'bleeding', 'lymphadenopathy', 'other',
] as const;
export type AefiSymptom = (typeof AEFI_SYMPTOMS)[number];
export interface AefiDetails {
  id: string; onsetAt: string; severity: 'mild' | 'serious'; symptoms: AefiSymptom[]; description?: string;
  action: 'observed' | 'treated_on_site' | 'referred'; actionNote?: string; hospital?: string;
}
export interface AefiReport extends Omit<AefiDetails, 'symptoms'> { doseId: string; symptoms: string[]; status: string; person: { fullName: string } }

export type CheckInBy = { personCode: string } | { nationalId: string } | { personId: string };

export const listSites = (signal?: AbortSignal) => request<{ items: SiteOption[] }>('/api/v1/vaccination/sites', { signal });
export const siteStock = (siteId: string, signal?: AbortSignal) => request<{ items: StockLine[] }>('/api/v1/vaccination/stock', { query: { siteId }, signal });
export const getChecklist = (signal?: AbortSignal) => request<Checklist>('/api/v1/vaccination/screening-checklist', { signal });

export const checkIn = (id: string, siteId: string, by: CheckInBy) =>
  request<Visit>('/api/v1/vaccination/visits', { method: 'POST', body: { id, siteId, ...by } });
export const getVisit = (visitId: string) => request<Visit>(`/api/v1/vaccination/visits/${visitId}`);

export interface ScreeningInput {
  answers: Record<string, boolean>; temperatureC?: number; outcome: Outcome; postponeUntil?: string; referTo?: string; reason?: string; note?: string;
}
export const saveScreening = (visitId: string, body: ScreeningInput) =>
  request<Screening>(`/api/v1/vaccination/visits/${visitId}/screening`, { method: 'PUT', body });

export interface DoseInput { id: string; personId: string; productCode: string; lotId: string; siteId: string; administeredAt: string; visitId: string }
export const recordDose = (body: DoseInput) => request<Dose & { repeat: boolean }>('/api/v1/vaccination/doses', { method: 'POST', body });

export const listObservations = (siteId: string, signal?: AbortSignal) =>
  request<ObservationList>(`/api/v1/vaccination/sites/${siteId}/observations`, { signal });
export const endObservation = (doseId: string, body: { outcome: 'no_reaction' | 'reaction' | 'left_early'; note?: string; aefi?: AefiDetails }) =>
  request<{ outcome: string; aefi: AefiReport | null }>(`/api/v1/vaccination/observations/${doseId}/end`, { method: 'POST', body });
export const reportAefi = (doseId: string, details: AefiDetails) =>
  request<AefiReport>('/api/v1/vaccination/aefi', { method: 'POST', body: { doseId, ...details } });

export interface QueueItem { id: string; person: { id: string; fullName: string; birthYear: number }; checkedInAt: string; screeningOutcome: Outcome | null; doseId: string | null }
export const siteQueue = (siteId: string, signal?: AbortSignal) =>
  request<{ siteId: string; date: string; items: QueueItem[] }>(`/api/v1/vaccination/sites/${siteId}/visits`, { signal });
