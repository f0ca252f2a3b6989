import { request } from '../lib/api';

export type UnitLevel = 'province' | 'district' | 'commune';
export const UNIT_LEVELS: readonly UnitLevel[] = ['province', 'district', 'commune'];

export interface Unit {
  code: string;
  name: string;
  shortName: string;
  type: string;
  level: UnitLevel;
  parentCode: string | null;
  population: number | null;
  populationYear: number | null;
  populationSource: string | null;
  hasBoundary: boolean;
}

export interface PopulationChange {
  population: number;
  populationYear: number;
  populationSource?: string;
}

export const listUnits = (query: { level?: UnitLevel; parent?: string } = {}, signal?: AbortSignal) =>
  request<{ items: Unit[] }>('/api/v1/units', { query, signal });

export const getUnit = (code: string, signal?: AbortSignal) =>
  request<Unit>(`/api/v1/units/${encodeURIComponent(code)}`, { signal });

export const updatePopulation = (code: string, change: PopulationChange) =>
  request<Unit>(`/api/v1/units/${encodeURIComponent(code)}`, { method: 'PATCH', body: change });
