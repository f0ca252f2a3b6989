// The same chain on the map (GET /cases/{id}/chain.geojson, audited like the graph): the venues where
// people met, the nodes (a contact at its venue, a case at its commune) and the edges through the venues.
// The base is the staff map's light SVG map (map/SvgMap: unit areas, pan and zoom by mouse, touch or
// keys, no WebGL needed); the chain is drawn over it in screen pixels, following its view.
import { useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useI18n } from '../i18n';
import { navigate } from '../lib/router';
import { ErrorNotice, Loading } from '../lib/ui';
import { useAsync } from '../lib/useAsync';
import { unitAreas } from '../map/areas';
import type { Bounds } from '../map/mapProps';
import { projectX, projectY } from '../map/projection';
import { fetchLevels } from '../map/province';
import SvgMap from '../map/SvgMap';
import '../map/map.css';
import { getChainGeojson, type Chain, type VenueBrief } from './chainApi';
import { recordPath } from './paths';
import { ChainLegend } from './ChainLegend';
import { chainMapLayers, type ChainMapLayers, type MapNode } from './chainMapLayers';
import { EDGE_STYLES, HOWS, lookOf, NODE_COLOURS, VENUE_COLOUR } from './chainStyle';
import { nodeDescription } from './chainText';

/** Nodes on one spot (several contacts at one venue) are spread on a ring this wide, in pixels. */
const SPREAD = 15;
const NOTHING = () => undefined;

interface Props {
  chain: Chain;
  venues: ReadonlyMap<string, VenueBrief>;
  caseId: string;
  reason: string;
}

export default function ChainMap({ chain, venues, caseId, reason }: Props) {
  const { t } = useI18n();
  const geojson = useAsync((signal) => getChainGeojson(caseId, reason, signal), [caseId, reason]);
  // the communes' outlines under the chain, without their level colours; without them the chain still shows
  const levels = useAsync(() => fetchLevels().catch(() => undefined), []);
  const areas = useMemo(() => {
    if (!levels.data) return undefined;
    const all = unitAreas(levels.data, undefined);
    return { ...all, features: all.features.map((f) => ({ ...f, properties: { ...f.properties, fill: '#ffffff', colour: null } })) };
  }, [levels.data]);
  const layers = useMemo(() => (geojson.data ? chainMapLayers(chain, geojson.data, venues) : undefined), [chain, geojson.data, venues]);
  const [view, setView] = useState<Bounds | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);

  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => {
      const { width, height } = element.getBoundingClientRect();
      setSize((old) => (old && old.width === width && old.height === height ? old : { width, height }));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [layers?.bounds]);

  if (geojson.error !== undefined) return <ErrorNotice error={geojson.error} onRetry={geojson.reload} />;
  if (!layers) return <Loading />;
  if (!layers.bounds) return <p className="muted" data-testid="chain-map-empty">{t('cases.chainMap.nothing')}</p>;
  return (
    <figure className="chain-figure">
      <div className="chain-map" ref={box} data-testid="chain-map" data-drawn={Boolean(view && size) || undefined}>
        <SvgMap
          places={undefined} zones={undefined} areas={areas} provinceBbox={layers.bounds} showProvinceBox={false}
          placeKinds={[]} zoneKinds={[]} showLevels levelMode="auto" point={null}
          label={t('cases.chainMap.label')} onPick={NOTHING} onView={setView}
        />
        {view && size && <Overlay layers={layers} view={view} size={size} hostCaseId={caseId} />}
      </div>
      <figcaption>
        {layers.unplaced > 0 && <p className="muted" data-testid="chain-map-unplaced">{t('cases.chainMap.unplaced', { n: layers.unplaced })}</p>}
        <ChainLegend venues />
      </figcaption>
    </figure>
  );
}

function Overlay({ layers, view, size, hostCaseId }: { layers: ChainMapLayers; view: Bounds; size: { width: number; height: number }; hostCaseId: string }) {
  const { t } = useI18n();
  const [west, south, east, north] = view;
  const x0 = projectX(west);
  const y0 = projectY(north);
  const sx = size.width / (projectX(east) - x0);
  const sy = size.height / (projectY(south) - y0);
  const px = ([lon, lat]: [number, number]) => ({ x: (projectX(lon) - x0) * sx, y: (projectY(lat) - y0) * sy });

  // nodes sharing a spot, or sitting on a venue, go round it
  const spots = new Map<string, MapNode[]>();
  for (const item of layers.nodes) spots.set(item.at.join(','), [...(spots.get(item.at.join(',')) ?? []), item]);
  const venueSpots = new Set(layers.venues.map((v) => v.at.join(',')));
  const placed = [...spots.entries()].flatMap(([key, items]) => items.map((item, i) => {
    const centre = px(item.at);
    if (items.length === 1 && !venueSpots.has(key)) return { item, ...centre };
    const angle = (2 * Math.PI * i) / items.length - Math.PI / 2;
    return { item, x: centre.x + SPREAD * Math.cos(angle), y: centre.y + SPREAD * Math.sin(angle) };
  }));

  return (
    <svg className="chain-map-overlay" width={size.width} height={size.height} role="group" aria-label={t('cases.chainMap.overlay')}>
      <defs>
        {HOWS.map((how) => (
          <marker key={how} id={`chain-map-arrow-${how}`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
            <path d="M0,0L10,5L0,10z" fill={EDGE_STYLES[how].colour} />
          </marker>
        ))}
      </defs>
      <g aria-hidden="true">
        {layers.edges.map(({ id, edge, line }) => (
          <polyline key={id} data-testid="chain-map-edge" data-how={edge.how} points={line.map((p) => { const at = px(p); return `${at.x},${at.y}`; }).join(' ')}
            fill="none" stroke={EDGE_STYLES[edge.how].colour} strokeWidth={3} strokeDasharray={EDGE_STYLES[edge.how].dash} markerEnd={`url(#chain-map-arrow-${edge.how})`} />
        ))}
      </g>
      {layers.venues.map((venue) => {
        const at = px(venue.at);
        const name = venue.name ?? t('cases.chainMap.venueUnnamed');
        return (
          <g key={venue.id} className="chain-map-venue" transform={`translate(${at.x} ${at.y})`} data-testid="chain-map-venue" data-venue={venue.id} role="img" aria-label={t('cases.chainMap.venueNamed', { name })}>
            <title>{name}</title>
            <rect x={-7} y={-7} width={14} height={14} transform="rotate(45)" fill="#ffffff" stroke={VENUE_COLOUR} strokeWidth={2.5} />
            <text x={12} y={-10} className="chain-map-venue-name">{name}</text>
          </g>
        );
      })}
      {placed.map(({ item: { node }, x, y }) => <MapNodeMark key={node.id} node={node} x={x} y={y} hostCaseId={hostCaseId} />)}
    </svg>
  );
}

function MapNodeMark({ node, x, y, hostCaseId }: { node: MapNode['node']; x: number; y: number; hostCaseId: string }) {
  const { t } = useI18n();
  const colours = NODE_COLOURS[lookOf(node)];
  const path = recordPath(node, hostCaseId);
  const open = () => {
    if (path) navigate(path);
  };
  const onKeyDown = (event: KeyboardEvent<SVGGElement>) => {
    if (event.key !== 'Enter') return; // a link opens with Enter
    event.preventDefault();
    open();
  };
  const description = nodeDescription(node, t);
  return (
    <g className={path ? 'chain-map-node chain-map-node-open' : 'chain-map-node'} transform={`translate(${x} ${y})`} data-testid="chain-map-node" data-id={node.id}
      role={path ? 'link' : 'img'} tabIndex={path ? 0 : undefined} aria-label={description} onClick={open} onKeyDown={onKeyDown}>
      <title>{description}</title>
      <circle r={node.kind === 'case' ? 9 : 7} fill={colours.stroke} stroke="#ffffff" strokeWidth={2.5} />
      {node.id === hostCaseId && <circle r={13} fill="none" stroke={colours.stroke} strokeWidth={2} />}
    </g>
  );
}
