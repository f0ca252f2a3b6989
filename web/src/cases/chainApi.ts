// Transmission chains (contract: docs/API-TRACING.md, "Transmission chains"): the graph, the same chain
// as GeoJSON for the map, and the venues its edges name. Both chain reads are audited with the reason.
import { request } from '../lib/api';
import type { FoundBy } from './api';

export interface LatLon {
  lat: number;
  lon: number;
}

export interface ChainNode {
  /** a case id (kind case) or a contact id (kind contact) */
  id: string;
  kind: 'case' | 'contact';
  personId: string;
  /** the full name, or initials and birth year for people the server does not name to you */
  label: string;
  status: string;
  date: string | null;
  communeCode: string;
  /** false: a case of another unit reached through the chain; its record is not yours to open */
  inScope: boolean;
  hops: number | null;
  degree: 'F1' | 'F2' | null;
  /** a contact who became a case beyond the depth: the chain goes on there */
  becameCaseId: string | null;
  clusterId: string | null;
  location?: LatLon;
}

export interface ChainEdge {
  from: string;
  to: string;
  how: FoundBy;
  date: string | null;
  /** the venue of the latest place-and-time exposure: a public place, named even outside your scope */
  venueId?: string;
  venueName?: string;
  venueLocation?: LatLon;
  contactId: string;
}

export interface ChainCluster {
  id: string;
  caseIds: string[];
  size: number;
}

export interface Chain {
  caseId: string;
  truncated: boolean;
  nodes: ChainNode[];
  edges: ChainEdge[];
  clusters: ChainCluster[];
}

type Position = [number, number];

export type ChainFeature =
  | { type: 'Feature'; id: string; geometry: { type: 'Point'; coordinates: Position }; properties: Omit<ChainNode, 'id' | 'location'> & { featureKind: 'node' } }
  | { type: 'Feature'; id: string; geometry: { type: 'LineString'; coordinates: Position[] }; properties: ChainEdge & { featureKind: 'edge' } };

export interface ChainGeojson {
  type: 'FeatureCollection';
  caseId: string;
  truncated: boolean;
  clusters: ChainCluster[];
  features: ChainFeature[];
}

const chainPath = (id: string) => `/api/v1/cases/${encodeURIComponent(id)}/chain`;

export const getChain = (id: string, reason: string, signal?: AbortSignal) => request<Chain>(chainPath(id), { query: { reason }, signal });

export const getChainGeojson = (id: string, reason: string, signal?: AbortSignal) =>
  request<ChainGeojson>(`${chainPath(id)}.geojson`, { query: { reason }, signal });

export interface VenueBrief {
  id: string;
  name: string;
  location: LatLon;
}

/** The venues the chain's edges name, from the edges themselves. */
export function venuesOf(edges: readonly ChainEdge[]): Map<string, VenueBrief> {
  return new Map(edges.flatMap(({ venueId, venueName, venueLocation }) =>
    (venueId && venueName !== undefined && venueLocation ? [[venueId, { id: venueId, name: venueName, location: venueLocation }] as const] : [])));
}
