// How the chain's nodes and edges look, the same on the graph, the map and their legend. Colour is never
// the only sign: each node carries its kind in words and each edge its label, and edge kinds differ by dash.
import type { MessageKey } from '../i18n';
import type { FoundBy } from './api';
import type { ChainNode } from './chainApi';

export type NodeLook = 'case' | 'caseElsewhere' | 'F1' | 'F2' | 'becameCase';
export const NODE_LOOKS: NodeLook[] = ['case', 'caseElsewhere', 'F1', 'F2', 'becameCase'];

export function lookOf(node: Pick<ChainNode, 'kind' | 'inScope' | 'degree' | 'becameCaseId'>): NodeLook {
  if (node.kind === 'case') return node.inScope ? 'case' : 'caseElsewhere';
  if (node.becameCaseId) return 'becameCase';
  return node.degree === 'F2' ? 'F2' : 'F1';
}

export const NODE_COLOURS: Record<NodeLook, { fill: string; stroke: string; dash?: string }> = {
  case: { fill: '#fdecea', stroke: '#c62828' },
  caseElsewhere: { fill: '#f1f3f4', stroke: '#6b7780', dash: '5 3' },
  F1: { fill: '#fff3e0', stroke: '#e65100' },
  F2: { fill: '#fffde7', stroke: '#8d7400' },
  becameCase: { fill: '#f3e5f5', stroke: '#6a1b9a' },
};

export const LOOK_LABELS: Record<NodeLook, MessageKey> = {
  case: 'cases.chain.look.case',
  caseElsewhere: 'cases.chain.look.caseElsewhere',
  F1: 'cases.chain.look.F1',
  F2: 'cases.chain.look.F2',
  becameCase: 'cases.chain.look.becameCase',
};

export const HOWS: FoundBy[] = ['place_time', 'household', 'named', 'imported'];

export const EDGE_STYLES: Record<FoundBy, { colour: string; dash?: string }> = {
  place_time: { colour: '#1565c0' },
  household: { colour: '#2e7d32', dash: '8 4' },
  named: { colour: '#6a1b9a', dash: '2 4' },
  imported: { colour: '#795548', dash: '10 3 2 3' },
};

export const VENUE_COLOUR = '#0b5560';
