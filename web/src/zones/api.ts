// Staff calls of the zones domain: list every zone, import GeoJSON, lift or cancel.
import { request } from '../lib/api';
import type { Zone } from '../map/api';
import { sendRaw } from '../places/api';

export const listAllZones = (signal?: AbortSignal) => request<{ date: string | null; items: Zone[] }>('/api/v1/zones', { query: { all: 'true' }, signal });
export const importZones = (geojson: string) => sendRaw<{ created: number; ids: string[] }>('/api/v1/zones/import', 'application/json', geojson);
export const setZoneStatus = (id: string, status: 'lifted' | 'cancelled' | 'active') => request<Zone>(`/api/v1/zones/${id}`, { method: 'PATCH', body: { status } });
export const setZoneEnd = (id: string, endsOn: string | null) => request<Zone>(`/api/v1/zones/${id}`, { method: 'PATCH', body: { endsOn } });
