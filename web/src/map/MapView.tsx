// The MapLibre map: no tile server; unit areas, zones and places from the open-data documents.
import { useEffect, useRef } from 'react';
import type { FeatureCollection } from 'geojson';
import {
  Map as MapLibreMap,
  Marker,
  NavigationControl,
  setWorkerUrl,
  type ExpressionSpecification,
  type GeoJSONSource,
  type MapMouseEvent,
} from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { PLACE_HEX, ZONE_HEX } from './api';
import { boxPolygon, type AreaProps } from './areas';
import { AUTO_COMMUNE_ZOOM, type Bounds, type MapLayersProps } from './mapProps';

export type { LevelMode, Pick } from './mapProps';
/** Set by fullMap.ts before the first map is made (the worker is downloaded beside this chunk). */
export { setWorkerUrl };

export interface MapViewProps extends MapLayersProps {
  onFailure: (error: unknown) => void;
  /** The view to open on (the SVG map's, if the user moved it while MapLibre loaded). */
  initialBounds?: () => Bounds | null;
  /** Called once, when the map has first drawn its data. */
  onDrawn?: () => void;
}
const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

function matchColour(colours: Record<string, string>, fallback: string): ExpressionSpecification {
  return ['match', ['get', 'kind'], ...Object.entries(colours).flat(), fallback] as unknown as ExpressionSpecification;
}

function addLayers(map: MapLibreMap) {
  map.addSource('province', { type: 'geojson', data: EMPTY });
  map.addSource('areas', { type: 'geojson', data: EMPTY });
  map.addSource('zones', { type: 'geojson', data: EMPTY });
  map.addSource('places', { type: 'geojson', data: EMPTY });
  map.addLayer({ id: 'province-fill', type: 'fill', source: 'province', paint: { 'fill-color': '#ffffff', 'fill-opacity': 0.7 } });
  map.addLayer({ id: 'province-line', type: 'line', source: 'province', paint: { 'line-color': '#0b5560', 'line-width': 2, 'line-dasharray': [3, 2] } });
  for (const level of ['district', 'commune'] as const) {
    map.addLayer({
      id: `levels-${level}`,
      type: 'fill',
      source: 'areas',
      filter: ['==', ['get', 'unitLevel'], level],
      paint: { 'fill-color': ['get', 'fill'], 'fill-opacity': 0.45 },
    });
    map.addLayer({
      id: `levels-${level}-line`,
      type: 'line',
      source: 'areas',
      filter: ['==', ['get', 'unitLevel'], level],
      paint: { 'line-color': '#37474f', 'line-width': level === 'district' ? 1.5 : 0.8 },
    });
  }
  map.addLayer({ id: 'zones-fill', type: 'fill', source: 'zones', paint: { 'fill-color': matchColour(ZONE_HEX, '#b71c1c'), 'fill-opacity': 0.35 } });
  map.addLayer({ id: 'zones-line', type: 'line', source: 'zones', paint: { 'line-color': matchColour(ZONE_HEX, '#b71c1c'), 'line-width': 2 } });
  map.addLayer({
    id: 'places',
    type: 'circle',
    source: 'places',
    paint: {
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 5, 13, 9],
      'circle-color': matchColour(PLACE_HEX, '#333333'),
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 2,
    },
  });
}

function setData(map: MapLibreMap, source: string, data: FeatureCollection | undefined) {
  void map.getSource<GeoJSONSource>(source)?.setData(data ?? EMPTY);
}

/** The level colours actually drawn in view, for the page (and its tests) to read. */
function renderedLevels(map: MapLibreMap): string {
  const layers = ['levels-district', 'levels-commune'].filter((id) => map.getLayer(id) && map.getLayoutProperty(id, 'visibility') !== 'none');
  const colours = new Set(map.queryRenderedFeatures({ layers }).map((feature) => (feature.properties as Partial<AreaProps>).colour ?? 'none'));
  return [...colours].sort().join(',');
}

export default function MapView(props: MapViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const ready = useRef(false);
  const marker = useRef<Marker | null>(null);
  const latest = useRef(props);
  latest.current = props;

  // create once
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    let map: MapLibreMap;
    try {
      // the province, once the levels document has said where it is (apply() fits it then)
      const province = latest.current.provinceBbox;
      map = new MapLibreMap({
        container: element,
        style: { version: 8, sources: {}, layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#dfe8ea' } }] },
        ...(province ? { bounds: province, fitBoundsOptions: { padding: 16 } } : {}),
        attributionControl: false,
        dragRotate: false,
        pitchWithRotate: false,
      });
    } catch (error) {
      latest.current.onFailure(error);
      return;
    }
    mapRef.current = map;
    (window as unknown as { vigilMap?: MapLibreMap }).vigilMap = map; // a handle for tests and debugging
    map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    map.touchZoomRotate.disableRotation();
    map.on('load', () => {
      const bounds = latest.current.initialBounds?.();
      if (bounds) {
        map.fitBounds(bounds, { padding: 0, animate: false });
        viewChosen.add(map);
      }
      addLayers(map);
      ready.current = true;
      apply(map, latest.current);
      element.dataset.state = 'loaded';
    });
    map.on('idle', () => {
      element.dataset.levels = renderedLevels(map);
      if (ready.current && latest.current.places && !element.dataset.drawnAt) {
        element.dataset.drawnAt = String(Math.round(performance.now()));
        latest.current.onDrawn?.();
      }
    });
    map.on('movestart', (event: { originalEvent?: unknown }) => {
      if (event.originalEvent) viewChosen.add(map); // the user's own move: the province box no longer refits
    });
    map.on('click', (event: MapMouseEvent) => {
      const { x, y } = event.point;
      const near: [[number, number], [number, number]] = [[x - 8, y - 8], [x + 8, y + 8]];
      const place = map.queryRenderedFeatures(near, { layers: ['places'] })[0];
      const placeId = place?.properties.id as string | undefined;
      if (placeId) return latest.current.onPick({ type: 'place', id: placeId });
      const zone = map.queryRenderedFeatures(event.point, { layers: ['zones-fill'] })[0];
      const zoneId = zone?.properties.id as string | undefined;
      if (zoneId) return latest.current.onPick({ type: 'zone', id: zoneId });
      const { lat, lng: lon } = event.lngLat;
      const layers = ['levels-district', 'levels-commune'].filter((id) => map.getLayer(id) && map.getLayoutProperty(id, 'visibility') !== 'none');
      const unit = map.queryRenderedFeatures(event.point, { layers })[0]?.properties as Partial<AreaProps> | undefined;
      if (unit?.code) return latest.current.onPick({ type: 'unit', code: unit.code, covers: (unit.covers ?? unit.code).split(','), lat, lon });
      latest.current.onPick({ type: 'point', lat, lon });
    });
    for (const layer of ['places', 'zones-fill']) {
      map.on('mouseenter', layer, () => (map.getCanvas().style.cursor = 'pointer'));
      map.on('mouseleave', layer, () => (map.getCanvas().style.cursor = ''));
    }
    map.on('error', (event) => console.warn('map:', event.error.message));
    return () => {
      ready.current = false;
      map.remove();
      mapRef.current = null;
    };
  }, []);

  useEffect(() => {
    const map = mapRef.current;
    if (map && ready.current) apply(map, props);
  });

  // the chosen point
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    marker.current?.remove();
    marker.current = props.point ? new Marker({ color: '#0b5560' }).setLngLat([props.point.lon, props.point.lat]).addTo(map) : null;
  }, [props.point]);

  return <div ref={container} className="map-canvas" data-testid="map" role="region" aria-label={props.label} />;
}

const applied = new WeakMap<MapLibreMap, Partial<MapViewProps>>();
/** Maps whose view was chosen (the SVG map's, or the user's): a province box arriving later leaves it. */
const viewChosen = new WeakSet<MapLibreMap>();

function apply(map: MapLibreMap, props: MapViewProps) {
  const before = applied.get(map) ?? {};
  if (before.places !== props.places) {
    const open = props.places ? { ...props.places, features: props.places.features.filter((f) => f.properties.status !== 'closed') } : undefined;
    setData(map, 'places', open);
  }
  if (before.zones !== props.zones) setData(map, 'zones', props.zones);
  if (before.areas !== props.areas) setData(map, 'areas', props.areas);
  const box = props.provinceBbox;
  const boxChanged = before.provinceBbox?.join(',') !== box?.join(',');
  if (box && boxChanged && !viewChosen.has(map)) map.fitBounds(box, { padding: 16, animate: false });
  if (before.showProvinceBox !== props.showProvinceBox || boxChanged) {
    setData(map, 'province', props.showProvinceBox && box ? { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: boxPolygon(box) }] } : undefined);
  }
  map.setFilter('places', ['in', ['get', 'kind'], ['literal', props.placeKinds]]);
  map.setFilter('zones-fill', ['in', ['get', 'kind'], ['literal', props.zoneKinds]]);
  map.setFilter('zones-line', ['in', ['get', 'kind'], ['literal', props.zoneKinds]]);
  for (const level of ['district', 'commune'] as const) {
    const shown = props.showLevels && (props.levelMode === 'auto' || props.levelMode === level);
    for (const id of [`levels-${level}`, `levels-${level}-line`]) {
      map.setLayoutProperty(id, 'visibility', shown ? 'visible' : 'none');
      if (props.levelMode === 'auto') map.setLayerZoomRange(id, level === 'district' ? 0 : AUTO_COMMUNE_ZOOM, level === 'district' ? AUTO_COMMUNE_ZOOM : 24);
      else map.setLayerZoomRange(id, 0, 24);
    }
  }
  applied.set(map, { ...props });
}
