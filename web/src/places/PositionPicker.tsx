// A small map to pick a position: a click moves the marker and fills latitude and longitude.
import { useEffect, useRef } from 'react';
import { Map as MapLibreMap, Marker, NavigationControl, setWorkerUrl, type GeoJSONSource } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { boxPolygon } from '../map/areas';
import { fetchLevels } from '../map/province';

setWorkerUrl(workerUrl);

export default function PositionPicker({ lat, lon, onPick, label }: { lat: number | null; lon: number | null; onPick: (lat: number, lon: number) => void; label: string }) {
  const element = useRef<HTMLDivElement>(null);
  const map = useRef<MapLibreMap | null>(null);
  const marker = useRef<Marker | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    if (!element.current) return;
    let created: MapLibreMap;
    try {
      created = new MapLibreMap({
        container: element.current,
        style: {
          version: 8,
          sources: { province: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } } },
          layers: [
            { id: 'background', type: 'background', paint: { 'background-color': '#dfe8ea' } },
            { id: 'province', type: 'fill', source: 'province', paint: { 'fill-color': '#ffffff', 'fill-opacity': 0.8 } },
          ],
        },
        attributionControl: false,
      });
    } catch {
      return; // no WebGL: the typed fields remain
    }
    // the province's box from the server; until it arrives the map is only its background
    let removed = false;
    fetchLevels().then(
      ({ provinceBbox }) => {
        if (removed) return;
        created.fitBounds(provinceBbox, { animate: false });
        void created.getSource<GeoJSONSource>('province')?.setData({ type: 'Feature', properties: {}, geometry: boxPolygon(provinceBbox) });
      },
      () => undefined, // offline: the position can still be typed
    );
    created.addControl(new NavigationControl({ showCompass: false }));
    created.on('click', (event) => pick.current(Number(event.lngLat.lat.toFixed(6)), Number(event.lngLat.lng.toFixed(6))));
    map.current = created;
    return () => {
      removed = true;
      created.remove();
    };
  }, []);

  useEffect(() => {
    if (!map.current) return;
    marker.current?.remove();
    marker.current = lat !== null && lon !== null ? new Marker().setLngLat([lon, lat]).addTo(map.current) : null;
  }, [lat, lon]);

  return <div ref={element} className="position-picker" role="application" aria-label={label} />;
}
