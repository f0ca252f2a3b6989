// The server's coverage and national-export routes (docs/API-VACCINATION.md, coverage and export).
import { ApiError, getToken, NetworkError, request } from '../../lib/api';

export type Method = 'population' | 'registered';
export type AgeGroup = 'all' | 'adults18' | 'aged50' | 'aged65';
export const AGE_GROUPS: readonly AgeGroup[] = ['all', 'adults18', 'aged50', 'aged65'];
export type Measure = 'atLeastOne' | 'full' | 'booster';
export const MEASURES: readonly Measure[] = ['atLeastOne', 'full', 'booster'];

export interface Denominator { value: number | null; method: Method; note: string }
export interface GroupCoverage { denominator: Denominator; atLeastOne: { count: number; share: number | null }; full: { count: number; share: number | null }; booster: { count: number; share: number | null } }
export type Groups = Record<AgeGroup, GroupCoverage>;
export interface UnitCoverage {
  unitCode: string; unitName: string; level: string; parentCode: string | null; population: number | null; groups: Groups;
  byProduct: { productCode: string; atLeastOne: number; full: number; booster: number }[];
  dosesGiven: { productCode: string; doses: number }[];
}
export interface CoverageReport { asOf: string; method: Method; unit: UnitCoverage; children: UnitCoverage[] }
export interface CoverageSeries { unitCode: string; unitName: string; method: Method; items: { date: string; groups: Groups }[] }

export interface CoverageFilter { unitCode?: string; asOf?: string; denominator?: Method }
export const getCoverage = (filter: CoverageFilter, signal?: AbortSignal) => request<CoverageReport>('/api/v1/vaccination/coverage', { query: { ...filter }, signal });
export const getCoverageSeries = (filter: { unitCode?: string; to?: string; weeks?: number; denominator?: Method }, signal?: AbortSignal) =>
  request<CoverageSeries>('/api/v1/vaccination/coverage/series', { query: { ...filter }, signal });

export interface Batch {
  id: string; unitCode: string; doseCount: number; createdAt: string; createdBy: string | null;
  answers: { acknowledged: number; rejected: number; unanswered: number };
}
export interface StatusCounts { unitCode: string; unitName: string; total: number; pending: number; exported: number; acknowledged: number; rejected: number; acknowledgedShare: number | null }
export interface ExportStatus { unit: StatusCounts; children: StatusCounts[]; rejected: { doseId: string; personId: string; batchId: string; reason: string; answeredAt: string }[] }
export interface AnswerItem { doseId: string; outcome: 'acknowledged' | 'rejected'; reason?: string; registryId?: string }
export interface AnswersResult { batchId: string; updated: number; unchanged: number; superseded: number }

export const getExportStatus = (unitCode: string | undefined, signal?: AbortSignal) => request<ExportStatus>('/api/v1/vaccination/exports/status', { query: { unitCode }, signal });
export const listExports = (signal?: AbortSignal) => request<{ items: Batch[] }>('/api/v1/vaccination/exports', { signal });
export const createExport = (unitCode: string | undefined) => request<Batch>('/api/v1/vaccination/exports', { method: 'POST', body: unitCode ? { unitCode } : {} });
export const sendAnswers = (batchId: string, items: AnswerItem[]) => request<AnswersResult>(`/api/v1/vaccination/exports/${encodeURIComponent(batchId)}/answers`, { method: 'POST', body: { items } });
export const requeueDoses = (doseIds: string[]) => request<{ requeued: string[]; notRejected: string[] }>('/api/v1/vaccination/exports/requeue', { method: 'POST', body: { doseIds } });
export const exportFileUrl = (batchId: string, format: 'ndjson' | 'csv', reason: string) =>
  `/api/v1/vaccination/exports/${encodeURIComponent(batchId)}/${format}?reason=${encodeURIComponent(reason)}`;

/** The registry's answers as CSV text (dose_id, outcome, reason, registry_id): the server parses and checks it. */
export async function sendAnswersCsv(batchId: string, csv: string): Promise<AnswersResult> {
  const token = getToken();
  let response: Response;
  try {
    response = await fetch(`/api/v1/vaccination/exports/${encodeURIComponent(batchId)}/answers/import`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: csv,
    });
  } catch (cause) {
    throw new NetworkError(String(cause));
  }
  const body = (await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string; fields?: Record<string, string> } } & AnswersResult;
  if (!response.ok) throw new ApiError(response.status, body.error?.code ?? `http_${response.status}`, body.error?.message ?? response.statusText, body.error?.fields ?? {});
  return body;
}
