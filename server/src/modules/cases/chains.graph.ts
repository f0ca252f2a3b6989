// The transmission chain as a graph, from the rows of chains.repository.ts: nodes, edges and clusters
// (connected components of the cases), and the same chain as GeoJSON for the map. Pure functions:
// which fields leave, and whether a node carries a name, are decided here.
import type { CaseNodeRow, ContactNodeRow, LinkRow, PositionColumns } from './chains.repository.js';
import type { Chain, ChainCluster, ChainEdge, ChainGeojson, ChainNode, Location } from './chains.schema.js';

export interface ChainInput {
  caseId: string;
  depth: number;
  includeContacts: boolean;
  truncated: boolean;
  /** the cases of the answer, each with its hops from the root */
  cases: (CaseNodeRow & { hops: number })[];
  links: LinkRow[];
  contacts: ContactNodeRow[];
  /** the caller may read people (`people:read`): names are shown with the records in scope */
  showNames: boolean;
}

export type GraphEdge = ChainEdge;
export type ChainGraph = Chain;

/** "Nguyễn Văn An", 1985 → "N.V.A. 1985": enough to tell people apart on a graph, not to name them. */
export function initialsLabel(fullName: string, birthYear: number): string {
  const initials = fullName.split(/\s+/).map((word) => /\p{L}/u.exec(word)?.[0]?.toLocaleUpperCase('vi') ?? '').filter(Boolean);
  return `${initials.map((letter) => `${letter}.`).join('')} ${birthYear}`.trim();
}

const locationOf = (row: PositionColumns): Location | undefined => (row.lat === null || row.lon === null ? undefined : { lat: row.lat, lon: row.lon });
const venueLocationOf = (row: { venue_lat: number | null; venue_lon: number | null }) => locationOf({ lat: row.venue_lat, lon: row.venue_lon });

function compareNodes(a: ChainNode, b: ChainNode): number {
  if (a.date !== b.date) return a.date === null ? 1 : b.date === null ? -1 : a.date < b.date ? -1 : 1;
  if (a.kind !== b.kind) return a.kind === 'case' ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function compareEdges(a: ChainEdge, b: ChainEdge): number {
  if (a.date !== b.date) return a.date === null ? 1 : b.date === null ? -1 : a.date < b.date ? -1 : 1;
  return `${a.from}${a.to}` < `${b.from}${b.to}` ? -1 : 1;
}

/** Connected components of the cases, linked by case-to-case edges; in node order, largest first. */
export function clustersOf(caseIds: string[], links: [string, string][]): ChainCluster[] {
  const parent = new Map(caseIds.map((id) => [id, id]));
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(id, root);
    return root;
  };
  for (const [a, b] of links) if (parent.has(a) && parent.has(b)) parent.set(find(a), find(b));
  const groups = new Map<string, string[]>();
  for (const id of caseIds) groups.set(find(id), [...(groups.get(find(id)) ?? []), id]);
  return [...groups.values()]
    .map((members) => ({ id: members[0]!, caseIds: members, size: members.length }))
    .sort((a, b) => b.size - a.size || caseIds.indexOf(a.id) - caseIds.indexOf(b.id));
}

export function assembleChain(input: ChainInput): ChainGraph {
  const caseIds = new Set(input.cases.map((row) => row.id));
  const contactIds = new Set(input.contacts.map((row) => row.contact_id));
  /** Where an edge starts: the F1 of an F2 (as the case it became, if in the answer), else the contact's case. */
  const sourceOf = (row: { case_id: string; via_contact_id: string | null; via_case_id: string | null }) => {
    if (row.via_case_id && caseIds.has(row.via_case_id)) return row.via_case_id;
    if (row.via_contact_id && contactIds.has(row.via_contact_id)) return row.via_contact_id;
    return row.case_id;
  };
  const edgeOf = (row: ContactNodeRow | LinkRow, to: string): GraphEdge => {
    const venueLocation = venueLocationOf(row);
    return {
      from: sourceOf(row), to, how: row.found_by, date: row.last_exposure_at?.toISOString() ?? null,
      ...(row.venue_id ? { venueId: row.venue_id, venueName: row.venue_name ?? '' } : {}), contactId: row.contact_id, ...(venueLocation ? { venueLocation } : {}),
    };
  };

  const caseLinks: [string, string][] = [];
  const edges: GraphEdge[] = [];
  for (const link of input.links) {
    const fromCase = link.via_case_id ?? link.case_id;
    if (!caseIds.has(fromCase) || !caseIds.has(link.became_case_id)) continue;
    caseLinks.push([fromCase, link.became_case_id]);
    edges.push(edgeOf(link, link.became_case_id));
  }
  for (const row of input.contacts) edges.push(edgeOf(row, row.contact_id));

  const caseNodes: ChainNode[] = input.cases.map((row) => {
    const location = locationOf(row);
    return {
      id: row.id, kind: 'case', personId: row.person_id,
      // the record decides, as on the case list: a case in your scope is named, one of another unit is not
      label: input.showNames && row.in_scope ? row.full_name : initialsLabel(row.full_name, row.birth_year),
      status: row.status, date: row.date.toISOString(), communeCode: row.commune_code, inScope: row.in_scope, hops: row.hops,
      degree: null, becameCaseId: null, clusterId: null, ...(location ? { location } : {}),
    };
  });
  const ordered = [...caseNodes].sort(compareNodes);
  const clusters = clustersOf(ordered.map((node) => node.id), caseLinks);
  const clusterOf = new Map(clusters.flatMap((cluster) => cluster.caseIds.map((id) => [id, cluster.id] as const)));
  for (const node of caseNodes) node.clusterId = clusterOf.get(node.id) ?? null;

  const contactNodes: ChainNode[] = input.contacts.map((row) => {
    const location = venueLocationOf(row) ?? locationOf(row);
    return {
      // contacts are listed for cases in scope only: a contact is in scope when its case is
      id: row.contact_id, kind: 'contact', personId: row.person_id,
      label: input.showNames ? row.full_name : initialsLabel(row.full_name, row.birth_year),
      status: row.status, date: row.last_exposure_at?.toISOString() ?? null, communeCode: row.commune_code, inScope: true, hops: null,
      degree: row.degree, becameCaseId: row.became_case_id, clusterId: clusterOf.get(row.case_id) ?? null, ...(location ? { location } : {}),
    };
  });

  return {
    caseId: input.caseId, depth: input.depth, includeContacts: input.includeContacts, truncated: input.truncated,
    nodes: [...caseNodes, ...contactNodes].sort(compareNodes), edges: edges.sort(compareEdges), clusters,
  };
}

/** The whitelist of the JSON answer. */
export function presentChain(graph: ChainGraph): Chain {
  return {
    ...graph,
    edges: graph.edges.map(({ from, to, how, date, venueId, venueName, venueLocation, contactId }) =>
      ({ from, to, how, date, ...(venueId ? { venueId, venueName } : {}), ...(venueLocation ? { venueLocation } : {}), contactId })),
  };
}

const position = (at: Location) => [at.lon, at.lat];

/** Nodes as Points, edges as LineStrings from node to node, through the venue when known; unplaced ones left out. */
export function chainGeojson(graph: ChainGraph): ChainGeojson {
  const placed = new Map(graph.nodes.flatMap((node) => (node.location ? [[node.id, node.location] as const] : [])));
  const points = graph.nodes.flatMap(({ id, location, ...properties }) =>
    location ? [{ type: 'Feature' as const, id, geometry: { type: 'Point' as const, coordinates: position(location) }, properties: { featureKind: 'node' as const, ...properties } }] : []);
  const lines = graph.edges.flatMap(({ venueLocation, ...edge }) => {
    const from = placed.get(edge.from);
    const to = placed.get(edge.to);
    if (!from || !to) return [];
    const coordinates = [from, ...(venueLocation ? [venueLocation] : []), to].map(position)
      .filter((point, i, all) => i === 0 || point[0] !== all[i - 1]![0] || point[1] !== all[i - 1]![1]);
    if (coordinates.length < 2) return [];
    return [{ type: 'Feature' as const, id: `${edge.contactId}:edge`, geometry: { type: 'LineString' as const, coordinates }, properties: { featureKind: 'edge' as const, ...edge } }];
  });
  return { type: 'FeatureCollection', caseId: graph.caseId, truncated: graph.truncated, clusters: graph.clusters, features: [...points, ...lines] };
}
