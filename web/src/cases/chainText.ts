// The words of a chain: what an edge's label says and how a node is read out, shared by the graph, the
// map and the dated list.
import type { Translate } from '../i18n';
import { formatDateTime } from '../lib/format';
import type { ChainEdge, ChainNode, VenueBrief } from './chainApi';
import { LOOK_LABELS, lookOf } from './chainStyle';

/** "02/08/2021 10:30" → "02/08 10:30": the year is the outbreak's, the label has little room. */
export function shortDateTime(iso: string | null): string {
  const full = formatDateTime(iso);
  return full ? `${full.slice(0, 5)} ${full.slice(11)}` : '';
}

/** An edge's label on the graph: the venue for a shared place and time, else how the contact was found; then when. */
export function edgeLabel(edge: ChainEdge, venues: ReadonlyMap<string, VenueBrief>, t: Translate): string {
  const what = edge.how === 'place_time'
    ? (edge.venueId && venues.get(edge.venueId)?.name) || t('cases.foundBy.place_time')
    : t(`cases.foundBy.${edge.how}`);
  const when = shortDateTime(edge.date);
  return when ? `${what} · ${when}` : what;
}

export function nodeStatus(node: ChainNode, t: Translate): string {
  return node.kind === 'case' ? t(`cases.status.${node.status as 'active'}`) : t(`cases.contactStatus.${node.status as 'candidate'}`);
}

/** What a screen reader says of a node: who, what kind, status and date. */
export function nodeDescription(node: ChainNode, t: Translate): string {
  return [node.label, t(LOOK_LABELS[lookOf(node)]), nodeStatus(node, t), formatDateTime(node.date)].filter(Boolean).join(', ');
}
