// What the chain's map draws, from GET /cases/{id}/chain.geojson and the venues the chain names: nodes
// (a contact at its venue, a case at its commune), edges (through the venue), and the venues themselves.
import type { Bounds } from '../map/mapProps';
import type { Chain, ChainEdge, ChainGeojson, ChainNode, VenueBrief } from './chainApi';

type Position = [number, number];

export interface MapNode {
  node: ChainNode;
  at: Position;
}

export interface MapEdge {
  id: string;
  edge: ChainEdge;
  line: Position[];
}

export interface MapVenue {
  id: string;
  /** null for a venue outside your scope: its position comes from the chain's lines */
  name: string | null;
  at: Position;
}

export interface ChainMapLayers {
  nodes: MapNode[];
  edges: MapEdge[];
  venues: MapVenue[];
  /** nodes of the chain without a known place (a case of a commune without an imported boundary) */
  unplaced: number;
  /** the drawing's extent with a margin; null when nothing has a place */
  bounds: Bounds | null;
}

/** At least this much around the drawing (≈ 1 km), so one point still shows its streets' scale. */
const MIN_MARGIN_DEGREES = 0.01;

function boundsOf(points: Position[]): Bounds | null {
  if (points.length === 0) return null;
  const lons = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  const [west, east, south, north] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  const marginX = Math.max((east - west) * 0.15, MIN_MARGIN_DEGREES);
  const marginY = Math.max((north - south) * 0.15, MIN_MARGIN_DEGREES);
  return [west - marginX, south - marginY, east + marginX, north + marginY];
}

export function chainMapLayers(chain: Chain, geojson: ChainGeojson, venues: ReadonlyMap<string, VenueBrief>): ChainMapLayers {
  const byId = new Map(chain.nodes.map((node) => [node.id, node]));
  const nodes: MapNode[] = [];
  const edges: MapEdge[] = [];
  const inferred = new Map<string, Position>();
  for (const feature of geojson.features) {
    if (feature.geometry.type === 'Point') {
      const node = byId.get(feature.id);
      if (node) nodes.push({ node, at: feature.geometry.coordinates });
      continue;
    }
    const { featureKind: _, ...edge } = feature.properties as ChainEdge & { featureKind: 'edge' };
    const line = feature.geometry.coordinates;
    edges.push({ id: feature.id, edge, line });
    // a line through its venue has it in the middle; a line to a contact seen there ends at it
    const via = line.length === 3 ? line[1] : byId.get(edge.to)?.kind === 'contact' ? line[line.length - 1] : undefined;
    if (edge.venueId && via) inferred.set(edge.venueId, via);
  }
  const venueIds = new Set(chain.edges.flatMap((edge) => (edge.venueId ? [edge.venueId] : [])));
  const mapVenues = [...venueIds].flatMap((id): MapVenue[] => {
    const known = venues.get(id);
    if (known) return [{ id, name: known.name, at: [known.location.lon, known.location.lat] }];
    const at = inferred.get(id);
    return at ? [{ id, name: null, at }] : [];
  });
  const points = [...nodes.map((n) => n.at), ...edges.flatMap((e) => e.line), ...mapVenues.map((v) => v.at)];
  return { nodes, edges, venues: mapVenues, unplaced: chain.nodes.length - nodes.length, bounds: boundsOf(points) };
}
