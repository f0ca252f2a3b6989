// Statistics: daily figures per unit (public), and the staff entry and import calls.
import { request } from '../lib/api';

export interface DayStats {
  date: string;
  unitCode: string;
  unitName: string;
  unitLevel: 'province' | 'district' | 'commune';
  population: number | null;
  source: string;
  asOf: string;
  aggregated: boolean;
  reportingUnits: number | null;
  confirmedCommunity: number | null;
  confirmedQuarantine: number | null;
  confirmed: number | null;
  suspected: number | null;
  recovered: number | null;
  deaths: number | null;
  cumulativeConfirmed: number | null;
  cumulativeRecovered: number | null;
  cumulativeDeaths: number | null;
  confirmed7d: number | null;
  confirmed7dPer100k: number | null;
  rateNote: string | null;
  vaccinatedFirstDose: number | null;
  vaccinatedFull: number | null;
  vaccinatedBooster: number | null;
  adultsCoverage: number | null;
}

export const fetchDaily = (level: 'province' | 'district' | 'commune', signal?: AbortSignal) =>
  request<{ date: string | null; items: DayStats[] }>('/api/v1/stats/daily', { query: { level }, signal });

export const fetchUnitSeries = (code: string, signal?: AbortSignal) =>
  request<{ unitCode: string; items: DayStats[] }>(`/api/v1/stats/units/${encodeURIComponent(code)}`, { signal });

export const STATS_CSV_URL = '/api/v1/open/stats.csv';
