// The transmission chain drawn as a graph (SVG): cases and contacts coloured by kind, edges labelled by
// how the contact happened and when, one box per cluster, each node opening its record (click, or Tab
// then Enter). Its own chunk: the layout library loads with it. The dated list beside it says the same
// in words.
import { useMemo, type KeyboardEvent } from 'react';
import { useI18n } from '../i18n';
import { formatDateTime } from '../lib/format';
import { navigate } from '../lib/router';
import { type Chain, type ChainNode, type VenueBrief } from './chainApi';
import { layoutChain, NODE_HEIGHT, NODE_WIDTH, type LaidEdge, type Point } from './chainLayout';
import { recordPath } from './paths';
import { ChainLegend } from './ChainLegend';
import { EDGE_STYLES, HOWS, lookOf, NODE_COLOURS } from './chainStyle';
import { edgeLabel, nodeDescription, nodeStatus } from './chainText';

const MAX_LABEL = 26;
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** A smooth path through dagre's edge points. */
function edgePath(points: Point[]): string {
  if (points.length === 0) return '';
  const [first, ...rest] = points;
  if (rest.length === 1) return `M${first!.x},${first!.y}L${rest[0]!.x},${rest[0]!.y}`;
  let d = `M${first!.x},${first!.y}`;
  for (let i = 0; i < rest.length - 1; i += 1) {
    const control = rest[i]!;
    const next = rest[i + 1]!;
    const end = i === rest.length - 2 ? next : { x: (control.x + next.x) / 2, y: (control.y + next.y) / 2 };
    d += `Q${control.x},${control.y} ${end.x},${end.y}`;
  }
  return d;
}

export default function ChainGraph({ chain, venues, hostCaseId }: { chain: Chain; venues: ReadonlyMap<string, VenueBrief>; hostCaseId: string }) {
  const { t } = useI18n();
  const layout = useMemo(() => layoutChain(chain, (edge) => edgeLabel(edge, venues, t)), [chain, venues, t]);
  const width = Math.max(layout.width, NODE_WIDTH) + 2;
  const height = Math.max(layout.height, NODE_HEIGHT) + 2;
  return (
    <figure className="chain-figure">
      <div className="chain-graph" data-testid="chain-graph">
        <svg width={width} height={height} viewBox={`-1 -1 ${width} ${height}`} role="group" aria-label={t('cases.chain.graphLabel')}>
          <defs>
            {HOWS.map((how) => (
              <marker key={how} id={`chain-arrow-${how}`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                <path d="M0,0L10,5L0,10z" fill={EDGE_STYLES[how].colour} />
              </marker>
            ))}
          </defs>
          {layout.clusters.map((cluster) => (
            <g key={cluster.id ?? 'none'} data-testid="chain-cluster" data-cluster={cluster.id ?? ''}>
              <rect x={cluster.x} y={cluster.y} width={cluster.width} height={cluster.height} rx={10} className="chain-cluster-box" />
              <text x={cluster.x + 12} y={cluster.y + 18} className="chain-cluster-title">
                {cluster.id ? t('cases.chain.cluster', { n: cluster.number, cases: cluster.cases }) : t('cases.chain.unclustered')}
              </text>
            </g>
          ))}
          <g aria-hidden="true">
            {layout.edges.map((laid) => <Edge key={laid.edge.contactId} laid={laid} />)}
          </g>
          {layout.nodes.map(({ node, x, y }) => (
            <Node key={node.id} node={node} x={x} y={y} here={node.id === hostCaseId} path={recordPath(node, hostCaseId)} />
          ))}
        </svg>
      </div>
      <figcaption>
        <ChainLegend />
      </figcaption>
    </figure>
  );
}

function Edge({ laid }: { laid: LaidEdge }) {
  const style = EDGE_STYLES[laid.edge.how];
  return (
    <g data-testid="chain-graph-edge" data-how={laid.edge.how} data-from={laid.edge.from} data-to={laid.edge.to}>
      <path d={edgePath(laid.points)} fill="none" stroke={style.colour} strokeWidth={1.8} strokeDasharray={style.dash} markerEnd={`url(#chain-arrow-${laid.edge.how})`} />
      {laid.label && (
        <g transform={`translate(${laid.label.x} ${laid.label.y})`}>
          <rect x={-laid.label.width / 2} y={-9} width={laid.label.width} height={18} rx={4} className="chain-edge-label-box" stroke={style.colour} />
          <text textAnchor="middle" dy="0.35em" className="chain-edge-label">{laid.label.text}</text>
        </g>
      )}
    </g>
  );
}

function Node({ node, x, y, here, path }: { node: ChainNode; x: number; y: number; here: boolean; path: string | null }) {
  const { t } = useI18n();
  const look = lookOf(node);
  const colours = NODE_COLOURS[look];
  const open = () => {
    if (path) navigate(path);
  };
  const onKeyDown = (event: KeyboardEvent<SVGGElement>) => {
    if (event.key !== 'Enter') return; // a link opens with Enter
    event.preventDefault();
    open();
  };
  const description = nodeDescription(node, t) + (path ? '' : ` (${t('cases.chain.notYours')})`);
  const kindText = node.kind === 'case' ? t('cases.chain.case') : node.becameCaseId ? t('cases.chain.becameShort', { degree: node.degree ?? '' }) : (node.degree ?? '');
  return (
    <g
      transform={`translate(${x - NODE_WIDTH / 2} ${y - NODE_HEIGHT / 2})`}
      className={path ? 'chain-graph-node chain-graph-node-open' : 'chain-graph-node'}
      data-testid="chain-graph-node"
      data-id={node.id}
      data-look={look}
      data-cluster={node.clusterId ?? ''}
      role={path ? 'link' : 'img'}
      tabIndex={path ? 0 : undefined}
      aria-label={description}
      aria-current={here || undefined}
      onClick={open}
      onKeyDown={onKeyDown}
    >
      <title>{description}</title>
      <rect width={NODE_WIDTH} height={NODE_HEIGHT} rx={8} fill={colours.fill} stroke={colours.stroke} strokeWidth={here ? 3.5 : 1.6} strokeDasharray={colours.dash} />
      <rect width={6} height={NODE_HEIGHT} rx={3} fill={colours.stroke} />
      <text x={14} y={21} className="chain-node-name">{clip(node.label, MAX_LABEL)}</text>
      <text x={14} y={40} className="chain-node-meta">
        <tspan className="chain-node-kind" fill={colours.stroke}>{kindText}</tspan>
        {` · ${clip(nodeStatus(node, t), 16)}${node.date ? ` · ${formatDateTime(node.date).slice(0, 5)}` : ''}`}
      </text>
    </g>
  );
}
