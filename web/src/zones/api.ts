// Staff calls of the zones domain: list every zone, create one (drawn on the map), import GeoJSON, lift or cancel.
import { request } from '../lib/api';
import type { Zone, ZoneKind } from '../map/api';
import { sendRaw } from '../places/api';

export interface ZoneInput {
  kind: ZoneKind;
  name: string;
  unitCode: string;
  geometry: { type: 'Polygon'; coordinates: number[][][] };
  startsOn: string;
  endsOn?: string | null;
  decision?: { number: string | null; date: string | null; issuedBy: string | null };
  description?: string | null;
}

export const listAllZones = (signal?: AbortSignal) => request<{ date: string | null; items: Zone[] }>('/api/v1/zones', { query: { all: 'true' }, signal });
export const createZone = (body: ZoneInput) => request<Zone>('/api/v1/zones', { method: 'POST', body });
export const importZones = (geojson: string) => sendRaw<{ created: number; ids: string[] }>('/api/v1/zones/import', 'application/json', geojson);
export const setZoneStatus = (id: string, status: 'lifted' | 'cancelled' | 'active') => request<Zone>(`/api/v1/zones/${id}`, { method: 'PATCH', body: { status } });
export const setZoneEnd = (id: string, endsOn: string | null) => request<Zone>(`/api/v1/zones/${id}`, { method: 'PATCH', body: { endsOn } });
