// Staff calls of the places domain (create, edit, close, CSV import), and a helper for raw bodies.
import { ApiError, getToken, request, type FieldErrors } from '../lib/api';
import type { Place, PlaceKind, PlaceStatus } from '../map/api';

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export type PlaceInput = {
  code?: string | null;
  kind: PlaceKind;
  name: string;
  address?: string | null;
  communeCode: string;
  lat: number;
  lon: number;
  openingHours?: string | null;
  phone?: string | null;
  capacity?: number | null;
  status?: PlaceStatus;
  validFrom?: string | null;
  validTo?: string | null;
  notes?: string | null;
};

export const listPlaces = (query: { q?: string; kind?: string; status?: string; limit?: number; offset?: number }, signal?: AbortSignal) =>
  request<Page<Place>>('/api/v1/places', { query, signal });
export const createPlace = (body: PlaceInput) => request<Place>('/api/v1/places', { method: 'POST', body });
export const updatePlace = (id: string, body: Partial<PlaceInput>) => request<Place>(`/api/v1/places/${id}`, { method: 'PATCH', body });
export const closePlace = (id: string, reason?: string) => request<Place>(`/api/v1/places/${id}/close`, { method: 'POST', body: reason ? { reason } : {} });

/** POSTs a file's bytes as they are (CSV, GeoJSON, PDF) with the bearer token; errors as ApiError. */
export async function sendRaw<T>(path: string, contentType: string, body: BodyInit): Promise<T> {
  const token = getToken();
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': contentType, accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });
  const text = await response.text();
  if (!response.ok) {
    let error: { code?: string; message?: string; fields?: FieldErrors } = {};
    try {
      error = (JSON.parse(text) as { error?: typeof error }).error ?? {};
    } catch {
      // not JSON
    }
    throw new ApiError(response.status, error.code ?? `http_${response.status}`, error.message ?? response.statusText, error.fields ?? {});
  }
  return (text ? JSON.parse(text) : undefined) as T;
}

export const importPlaces = (csv: string) => sendRaw<{ created: number; updated: number; ids: string[] }>('/api/v1/places/import', 'text/csv', csv);
