// Drawing a zone on the map: each click adds a corner; a double click, a click on the first corner or
// "Finish" closes the area. Keyboard: move the map with the arrow keys and add the corner under the
// cross in the middle. MapLibre only, no drawing plugin: three layers and a few handlers.
import { useEffect, useRef, useState } from 'react';
import type { FeatureCollection } from 'geojson';
import { Map as MapLibreMap, NavigationControl, setWorkerUrl, type GeoJSONSource, type MapMouseEvent } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useI18n } from '../i18n';
import type { Zone } from '../map/api';
import { boxPolygon } from '../map/areas';
import { fetchLevels } from '../map/province';
import { EMPTY_SKETCH, type Corner, type Sketch } from './sketch';

setWorkerUrl(workerUrl);

const CLOSE_PIXELS = 10;
const round = (value: number) => Math.round(value * 1e6) / 1e6;

function sketchFeatures({ corners, closed }: Sketch): FeatureCollection {
  const features: FeatureCollection['features'] = corners.map((corner, index) => ({ type: 'Feature', properties: { first: index === 0 }, geometry: { type: 'Point', coordinates: corner } }));
  if (corners.length >= 2) {
    const line = closed ? [...corners, corners[0] as Corner] : corners;
    features.push({ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: line } });
  }
  if (corners.length >= 3) features.push({ type: 'Feature', properties: { closed }, geometry: { type: 'Polygon', coordinates: [[...corners, corners[0] as Corner]] } });
  return { type: 'FeatureCollection', features };
}

function zoneFeatures(zones: Zone[]): FeatureCollection {
  return { type: 'FeatureCollection', features: zones.filter((zone) => zone.status === 'active').map((zone) => ({ type: 'Feature', properties: { name: zone.name }, geometry: zone.geometry })) };
}

export default function ZoneDrawer({ sketch, onChange, zones, label }: { sketch: Sketch; onChange: (sketch: Sketch) => void; zones: Zone[]; label: string }) {
  const { t } = useI18n();
  const element = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const [noWebgl, setNoWebgl] = useState(false);
  const latest = useRef({ sketch, onChange, zones });
  latest.current = { sketch, onChange, zones };

  const add = (corner: Corner) => {
    const current = latest.current.sketch;
    if (!current.closed) latest.current.onChange({ corners: [...current.corners, [round(corner[0]), round(corner[1])]], closed: false });
  };
  const finish = () => {
    const current = latest.current.sketch;
    if (current.corners.length >= 3) latest.current.onChange({ ...current, closed: true });
  };

  useEffect(() => {
    if (!element.current) return;
    let map: MapLibreMap;
    try {
      map = new MapLibreMap({
        container: element.current,
        style: { version: 8, sources: {}, layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#dfe8ea' } }] },
        attributionControl: false,
        doubleClickZoom: false,
        dragRotate: false,
      });
    } catch {
      setNoWebgl(true); // the GeoJSON file remains
      return;
    }
    mapRef.current = map;
    (window as unknown as { vigilDrawMap?: MapLibreMap }).vigilDrawMap = map; // for tests
    map.addControl(new NavigationControl({ showCompass: false }));
    map.on('load', () => {
      map.addSource('province', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      map.addSource('units', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      map.addSource('zones', { type: 'geojson', data: zoneFeatures(latest.current.zones) });
      map.addSource('sketch', { type: 'geojson', data: sketchFeatures(latest.current.sketch) });
      map.addLayer({ id: 'province', type: 'fill', source: 'province', paint: { 'fill-color': '#ffffff', 'fill-opacity': 0.8 } });
      map.addLayer({ id: 'units', type: 'line', source: 'units', paint: { 'line-color': '#607d8b', 'line-width': 1 } });
      map.addLayer({ id: 'zones', type: 'fill', source: 'zones', paint: { 'fill-color': '#b71c1c', 'fill-opacity': 0.2 } });
      map.addLayer({ id: 'sketch-fill', type: 'fill', source: 'sketch', filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': '#0b5560', 'fill-opacity': ['case', ['get', 'closed'], 0.35, 0.12] } });
      map.addLayer({ id: 'sketch-line', type: 'line', source: 'sketch', filter: ['==', ['geometry-type'], 'LineString'], paint: { 'line-color': '#0b5560', 'line-width': 2.5 } });
      map.addLayer({
        id: 'sketch-corners',
        type: 'circle',
        source: 'sketch',
        filter: ['==', ['geometry-type'], 'Point'],
        paint: { 'circle-radius': ['case', ['get', 'first'], 7, 5], 'circle-color': '#ffffff', 'circle-stroke-color': '#0b5560', 'circle-stroke-width': 2.5 },
      });
      // the province's box and the unit boundaries (when imported, they help to draw along them) from the
      // levels document; the map is ready for drawing once it shows the province
      fetchLevels()
        .then((levels) => {
          if (mapRef.current !== map) return; // closed meanwhile
          map.fitBounds(levels.provinceBbox, { padding: 8, animate: false });
          void map.getSource<GeoJSONSource>('province')?.setData({ type: 'Feature', properties: {}, geometry: boxPolygon(levels.provinceBbox) });
          void map.getSource<GeoJSONSource>('units')?.setData({ type: 'FeatureCollection', features: levels.features.filter((f) => f.geometry) as FeatureCollection['features'] });
        })
        .catch(() => undefined) // offline: the GeoJSON file remains
        .finally(() => element.current?.setAttribute('data-state', 'loaded'));
    });
    map.on('click', (event: MapMouseEvent) => {
      const { corners, closed } = latest.current.sketch;
      if (closed) return;
      const first = corners[0];
      if (first && corners.length >= 3) {
        const at = map.project(first);
        if (Math.hypot(at.x - event.point.x, at.y - event.point.y) <= CLOSE_PIXELS) return finish();
      }
      add([event.lngLat.lng, event.lngLat.lat]);
    });
    // a double click is two clicks (two corners at one place) and then this: keep one, close
    map.on('dblclick', (event: MapMouseEvent) => {
      event.preventDefault();
      const { corners, closed } = latest.current.sketch;
      if (closed) return;
      const last = corners.at(-1);
      const before = corners.at(-2);
      const twice = last && before && Math.hypot(map.project(last).x - map.project(before).x, map.project(last).y - map.project(before).y) <= CLOSE_PIXELS;
      const kept = twice ? corners.slice(0, -1) : corners;
      latest.current.onChange({ corners: kept, closed: kept.length >= 3 });
    });
    map.on('error', (event) => console.warn('zone map:', event.error.message));
    return () => {
      map.remove();
      mapRef.current = null;
    };
  }, []);

  useEffect(() => {
    void mapRef.current?.getSource<GeoJSONSource>('sketch')?.setData(sketchFeatures(sketch));
  }, [sketch]);
  useEffect(() => {
    void mapRef.current?.getSource<GeoJSONSource>('zones')?.setData(zoneFeatures(zones));
  }, [zones]);

  const count = sketch.corners.length;
  if (noWebgl) return <p className="notice notice-info" role="note">{t('zones.draw.noWebgl')}</p>;
  return (
    <div className="zone-drawer">
      <div className="zone-drawer-map">
        <div ref={element} className="zone-drawer-canvas" data-testid="zone-draw-map" role="application" aria-label={label} aria-describedby="zone-draw-status" />
        <span className="zone-drawer-cross" aria-hidden="true" />
      </div>
      <p id="zone-draw-status" className="muted" aria-live="polite" data-testid="zone-draw-status">
        {sketch.closed ? t('zones.draw.closed', { count }) : count === 0 ? t('zones.draw.hint') : t('zones.draw.corners', { count })}
      </p>
      <div className="staff-actions zone-drawer-tools">
        <button type="button" className="button-secondary button-small" disabled={sketch.closed} onClick={() => { const centre = mapRef.current?.getCenter(); if (centre) add([centre.lng, centre.lat]); }}>
          {t('zones.draw.addCentre')}
        </button>
        <button type="button" className="button-secondary button-small" disabled={sketch.closed || count < 3} onClick={finish}>
          {t('zones.draw.finish')}
        </button>
        <button type="button" className="button-secondary button-small" disabled={count === 0} onClick={() => onChange(sketch.closed ? { ...sketch, closed: false } : { corners: sketch.corners.slice(0, -1), closed: false })}>
          {t('zones.draw.undo')}
        </button>
        <button type="button" className="button-secondary button-small" disabled={count === 0} onClick={() => onChange(EMPTY_SKETCH)}>
          {t('zones.draw.clear')}
        </button>
      </div>
    </div>
  );
}
