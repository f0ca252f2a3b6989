// The laboratory and what results mean for people (server: modules/testing, results.schema.ts):
// receiving tubes, results one by one or from the lab's CSV, a tube's history, retests and the case
// proposals of individual positives.
import { request } from '../lib/api';
import type { Page } from '../people/api';
import { sendRaw } from '../places/api';
import type { TestType, TubeKind, TubeStatus } from './api';

export type TubeOutcome = 'positive' | 'negative' | 'invalid';
export type PersonOutcome = 'negative' | 'negative_by_representation' | 'positive' | 'retest_pending' | 'invalid';
export type ProposalStatus = 'open' | 'accepted' | 'dismissed';

export const TUBE_OUTCOMES: readonly TubeOutcome[] = ['negative', 'positive', 'invalid'];

export type CtValues = Record<string, number>;

export interface ReceiveResult {
  received: number;
  repeats: number;
  items: { barcode: string; status: TubeStatus; receivedAt: string; repeat: boolean }[];
}

export interface ResultItem {
  barcode: string;
  outcome: TubeOutcome;
  ctValues?: CtValues;
  correction?: { reason: string };
}

export interface ResultOutcome {
  barcode: string;
  resultId: string;
  outcome: TubeOutcome;
  repeat: boolean;
  corrected: boolean;
  people: number;
  retests: string[];
  caseProposals: number;
}

export interface ResultBatchResult {
  created: number;
  repeats: number;
  items: ResultOutcome[];
}

export interface TubeResult {
  id: string;
  outcome: TubeOutcome;
  ctValues: CtValues | null;
  source: 'manual' | 'csv' | 'api';
  enteredBy: string;
  enteredByName: string | null;
  enteredAt: string;
  supersedes: string | null;
  correctionReason: string | null;
  current: boolean;
}

export interface TubeResultHistory {
  barcode: string;
  status: TubeStatus;
  items: TubeResult[];
}

export interface RetestPerson {
  personId: string;
  fullName: string;
  birthYear: number;
  address: string | null;
  phone: string | null;
  communeCode: string;
  role: 'sampled' | 'represented';
}

export interface Retest {
  id: string;
  barcode: string;
  origin: 'aliquot' | 'resample';
  kind: TubeKind;
  parentBarcode: string;
  parentOutcome: TubeOutcome | null;
  sessionId: string;
  testType: TestType;
  communeCode: string;
  plannedAt: string;
  people: RetestPerson[];
}

export interface CaseProposal {
  id: string;
  personId: string;
  personName: string;
  communeCode: string;
  status: ProposalStatus;
  testType: TestType;
  tubeBarcode: string;
  ctValues: CtValues | null;
  sampledAt: string;
  resultedAt: string;
  caseId: string | null;
  decidedAt: string | null;
  dismissReason: string | null;
  createdAt: string;
}

const TESTING = '/api/v1/testing';

export const receiveTubes = (barcodes: string[]) => request<ReceiveResult>(`${TESTING}/lab/receive`, { method: 'POST', body: { barcodes } });

export const enterResult = (item: ResultItem) => request<ResultOutcome>(`${TESTING}/results`, { method: 'POST', body: item });

/** The lab's CSV as it is (header: barcode,result,ct_n,…): all records or none, problems named lines[n].column. */
export const importResultsCsv = (csv: string) => sendRaw<ResultBatchResult>(`${TESTING}/results/import`, 'text/csv', csv);

export const tubeResults = (barcode: string, signal?: AbortSignal) =>
  request<TubeResultHistory>(`${TESTING}/tubes/${encodeURIComponent(barcode)}/results`, { signal });

export const listRetests = (query: { origin?: 'aliquot' | 'resample'; communeCode?: string; reason: string; limit: number; offset: number }, signal?: AbortSignal) =>
  request<Page<Retest>>(`${TESTING}/retests`, { query, signal });

/** The field team sampled the people of a planned resample tube again: it is sealed for the lab. */
export const confirmResampled = (barcode: string) =>
  request<{ barcode: string; status: TubeStatus; sampledAt: string; repeat: boolean }>(`${TESTING}/retests/${encodeURIComponent(barcode)}/sampled`, { method: 'POST', body: {} });

export const listProposals = (query: { status?: ProposalStatus; communeCode?: string; limit: number; offset: number }, signal?: AbortSignal) =>
  request<Page<CaseProposal>>(`${TESTING}/case-proposals`, { query, signal });

export const acceptProposal = (id: string) => request<CaseProposal>(`${TESTING}/case-proposals/${encodeURIComponent(id)}/accept`, { method: 'POST' });

export const dismissProposal = (id: string, reason: string) =>
  request<CaseProposal>(`${TESTING}/case-proposals/${encodeURIComponent(id)}/dismiss`, { method: 'POST', body: { reason } });
