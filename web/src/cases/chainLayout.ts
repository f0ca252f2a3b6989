// Where each node, edge and cluster of a transmission chain is drawn: a layered layout (dagre) running
// left to right, so that who infected whom reads in the order it happened (each step of transmission a
// column further right). Each cluster is laid out on its own and the clusters are stacked: no edge joins
// two clusters, and laying them apart keeps one box per cluster without dagre's (much slower) compound mode.
import dagre, { type EdgeLabel, type GraphLabel, type NodeLabel } from '@dagrejs/dagre';
import type { Chain, ChainEdge, ChainNode } from './chainApi';

export const NODE_WIDTH = 204;
export const NODE_HEIGHT = 54;
const LABEL_HEIGHT = 18;
/** Roughly the width of a character of the 11 px label font; dagre needs the label's box beforehand. */
const LABEL_CHAR_WIDTH = 6.2;
const CLUSTER_PADDING = 14;
/** room for the cluster's title above its nodes */
const CLUSTER_TITLE = 24;
const CLUSTER_GAP = 28;

export interface Point {
  x: number;
  y: number;
}

export interface LaidNode extends Point {
  node: ChainNode;
}

export interface LaidEdge {
  edge: ChainEdge;
  points: Point[];
  label: (Point & { width: number; text: string }) | null;
}

export interface LaidCluster {
  /** the cluster's id, or null for nodes the answer put in no cluster */
  id: string | null;
  /** 1 for the largest */
  number: number;
  cases: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ChainLayout {
  width: number;
  height: number;
  nodes: LaidNode[];
  edges: LaidEdge[];
  clusters: LaidCluster[];
}

export const labelWidth = (text: string) => Math.ceil(text.length * LABEL_CHAR_WIDTH) + 12;

interface Group {
  id: string | null;
  nodes: ChainNode[];
}

/** Nodes by cluster, in the answer's cluster order (largest first), each in date order. */
function groupsOf(chain: Chain): Group[] {
  const order = new Map(chain.clusters.map((cluster, index) => [cluster.id, index]));
  const groups = new Map<string | null, Group>();
  for (const node of chain.nodes) {
    const id = node.clusterId !== null && order.has(node.clusterId) ? node.clusterId : null;
    const group = groups.get(id) ?? { id, nodes: [] };
    group.nodes.push(node);
    groups.set(id, group);
  }
  const rank = (id: string | null) => (id === null ? Number.MAX_SAFE_INTEGER : order.get(id)!);
  return [...groups.values()].sort((a, b) => rank(a.id) - rank(b.id));
}

function layoutGroup(nodes: ChainNode[], edges: ChainEdge[], edgeLabel: (edge: ChainEdge) => string) {
  const graph = new dagre.graphlib.Graph<GraphLabel, NodeLabel, EdgeLabel>({ multigraph: true });
  graph.setGraph({ rankdir: 'LR', nodesep: 16, ranksep: 36, edgesep: 10, marginx: 0, marginy: 0 });
  graph.setDefaultEdgeLabel(() => ({}));
  // in date order: dagre starts from the insertion order when it orders each column
  for (const node of nodes) graph.setNode(node.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  const texts = new Map<string, string>();
  for (const edge of edges) {
    const text = edgeLabel(edge);
    texts.set(edge.contactId, text);
    graph.setEdge(edge.from, edge.to, { width: labelWidth(text), height: LABEL_HEIGHT, labelpos: 'c' }, edge.contactId);
  }
  dagre.layout(graph);
  const size = graph.graph();
  const laidNodes = nodes.map((node) => {
    const at = graph.node(node.id);
    return { node, x: at.x ?? 0, y: at.y ?? 0 };
  });
  const laidEdges = edges.map((edge): LaidEdge => {
    const at = graph.edge(edge.from, edge.to, edge.contactId);
    const text = texts.get(edge.contactId) ?? '';
    return {
      edge,
      points: (at.points ?? []).map((p) => ({ x: p.x, y: p.y })),
      label: text && at.x !== undefined && at.y !== undefined ? { x: at.x, y: at.y, width: labelWidth(text), text } : null,
    };
  });
  return { width: size.width ?? 0, height: size.height ?? 0, nodes: laidNodes, edges: laidEdges };
}

/**
 * The drawing of a chain: nodes, edges with their label boxes, and a box per cluster, in pixels from
 * the top left. Edges whose ends are not both in one cluster (none, in a chain read from one case) are
 * left to the dated list.
 */
export function layoutChain(chain: Chain, edgeLabel: (edge: ChainEdge) => string): ChainLayout {
  const result: ChainLayout = { width: 0, height: 0, nodes: [], edges: [], clusters: [] };
  const casesIn = new Map(chain.clusters.map((cluster) => [cluster.id, cluster.size]));
  let top = 0;
  groupsOf(chain).forEach((group, index) => {
    const ids = new Set(group.nodes.map((node) => node.id));
    const edges = chain.edges.filter((edge) => ids.has(edge.from) && ids.has(edge.to) && edge.from !== edge.to);
    const laid = layoutGroup(group.nodes, edges, edgeLabel);
    const dx = CLUSTER_PADDING;
    const dy = top + CLUSTER_TITLE + CLUSTER_PADDING;
    const shift = (p: Point) => ({ x: p.x + dx, y: p.y + dy });
    result.nodes.push(...laid.nodes.map((n) => ({ ...n, ...shift(n) })));
    result.edges.push(...laid.edges.map((e) => ({ ...e, points: e.points.map(shift), label: e.label && { ...e.label, ...shift(e.label) } })));
    const width = laid.width + 2 * CLUSTER_PADDING;
    const height = laid.height + CLUSTER_TITLE + 2 * CLUSTER_PADDING;
    result.clusters.push({
      id: group.id, number: index + 1, cases: group.id ? (casesIn.get(group.id) ?? 0) : group.nodes.filter((n) => n.kind === 'case').length,
      x: 0, y: top, width, height,
    });
    result.width = Math.max(result.width, width);
    top += height + CLUSTER_GAP;
  });
  result.height = Math.max(0, top - CLUSTER_GAP);
  return result;
}
