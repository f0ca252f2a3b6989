// The public map's data: open-data GeoJSON documents (with ETags) and "around a point".
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Point } from 'geojson';
import { request } from '../lib/api';

export const PLACE_KINDS = ['testing_site', 'vaccination_site', 'quarantine_facility', 'hospital', 'health_centre', 'checkpoint'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];
export type PlaceStatus = 'open' | 'full' | 'suspended' | 'closed';
export const ZONE_KINDS = ['lockdown', 'isolation'] as const;
export type ZoneKind = (typeof ZONE_KINDS)[number];
export type LevelColour = 'green' | 'yellow' | 'orange' | 'red';

export interface Place {
  id: string;
  code: string | null;
  kind: PlaceKind;
  name: string;
  address: string | null;
  communeCode: string;
  communeName: string;
  lat: number;
  lon: number;
  openingHours: string | null;
  phone: string | null;
  capacity: number | null;
  status: PlaceStatus;
  validFrom: string | null;
  validTo: string | null;
  notes: string | null;
  updatedAt: string;
}
export type PlaceProps = Omit<Place, 'lat' | 'lon'>;

export interface Decision {
  number: string;
  date: string | null;
  issuedBy: string | null;
}

export interface Zone {
  id: string;
  kind: ZoneKind;
  name: string;
  unitCode: string;
  unitName: string;
  startsOn: string;
  endsOn: string | null;
  status: 'active' | 'lifted' | 'cancelled';
  decision: Decision | null;
  description: string | null;
  geometry: MultiPolygon;
  updatedAt: string;
}
export type ZoneProps = Omit<Zone, 'geometry'>;

export interface LevelProps {
  code: string;
  name: string;
  unitLevel: 'province' | 'district' | 'commune';
  parentCode: string | null;
  population: number | null;
  level: 1 | 2 | 3 | 4 | null;
  colour: LevelColour | null;
  effectiveFrom: string | null;
  hasBoundary: boolean;
  approximateAreaOf: string | null;
}

interface OpenDocument {
  asOf: string;
  generatedAt: string;
}
export type PlacesDoc = FeatureCollection<Point, PlaceProps> & OpenDocument;
export type ZonesDoc = FeatureCollection<MultiPolygon, ZoneProps> & OpenDocument & { date: string };
export type LevelsDoc = {
  type: 'FeatureCollection';
  features: Feature<Geometry | null, LevelProps>[];
  boundariesImported: boolean;
  date: string;
  /** The province's area, [west, south, east, north]: the maps open on it (the web app knows no box of its own). */
  provinceBbox: [number, number, number, number];
  /** `boundaries`: the extent of the imported boundaries; `configuration`: the server's VIGIL_PROVINCE_BBOX. */
  provinceBboxFrom: 'boundaries' | 'configuration';
} & OpenDocument;

export interface NearbySite {
  id: string;
  kind: PlaceKind;
  name: string;
  address: string | null;
  status: PlaceStatus;
  openingHours: string | null;
  phone: string | null;
  lat: number;
  lon: number;
  distanceMetres: number;
}

export interface Nearby {
  point: { lat: number; lon: number };
  date: string;
  unit: { code: string; name: string; level: string; how: 'boundary' | 'given' } | null;
  epidemicLevel: { level: 1 | 2 | 3 | 4; colour: LevelColour; unitCode: string; effectiveFrom: string } | null;
  insideZones: { id: string; kind: ZoneKind; name: string; startsOn: string; endsOn: string | null; decisionNumber: string | null }[];
  testingSites: NearbySite[];
  vaccinationSites: NearbySite[];
  notes: string[];
}

export function fetchNearby(query: { lat: number; lon: number; commune?: string }, signal?: AbortSignal): Promise<Nearby> {
  return request<Nearby>('/api/v1/places/nearby', { query: { lat: query.lat, lon: query.lon, commune: query.commune, limit: 3 }, signal });
}

export const LEVEL_HEX: Record<LevelColour, string> = {
  green: '#2e7d32',
  yellow: '#f9c80e',
  orange: '#ef6c00',
  red: '#c62828',
};
export const NO_LEVEL_HEX = '#9aa3ab';

export const PLACE_HEX: Record<PlaceKind, string> = {
  testing_site: '#1565c0',
  vaccination_site: '#6a1b9a',
  quarantine_facility: '#795548',
  hospital: '#d81b60',
  health_centre: '#00897b',
  checkpoint: '#37474f',
};

export const ZONE_HEX: Record<ZoneKind, string> = {
  lockdown: '#b71c1c',
  isolation: '#e65100',
};
