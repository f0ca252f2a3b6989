// Progressive map: the SVG map is drawn as soon as the data is in; MapLibre (≈360 KB compressed with
// its worker) loads behind it and takes over, on the same view, once it has drawn. MapLibre is asked
// for once the data requests are on their way (they leave when this chunk is evaluated, see
// useMapData.ts): the small documents come back first and MapLibre's round trip overlaps them.
// Where the browser has no WebGL 2 (which MapLibre 6 needs), or MapLibre cannot load (offline,
// before it was ever cached), the SVG map stays.
import { useEffect, useRef, useState, type ComponentType } from 'react';
import { useI18n } from '../i18n';
import { loadFullMap } from './fullMap';
import type { Bounds, MapLayersProps } from './mapProps';
import SvgMap from './SvgMap';
import type { MapViewProps } from './MapView';

let webgl2: boolean | undefined;
/** Whether this browser can give MapLibre a WebGL 2 context (asked once). */
export function hasWebGL2(): boolean {
  if (webgl2 === undefined) {
    try {
      const canvas = document.createElement('canvas');
      const context = canvas.getContext('webgl2');
      webgl2 = Boolean(context);
      context?.getExtension('WEBGL_lose_context')?.loseContext();
    } catch {
      webgl2 = false;
    }
  }
  return webgl2;
}

export default function MapStage(props: MapLayersProps) {
  const { t } = useI18n();
  const [FullMap, setFullMap] = useState<ComponentType<MapViewProps> | null>(null);
  const [state, setState] = useState<'svg' | 'full' | 'noWebgl' | 'failed'>('svg');
  const view = useRef<Bounds | null>(null);
  const stage = useRef<HTMLDivElement>(null);
  const canFull = state === 'svg' || state === 'full';

  useEffect(() => {
    if (!canFull || FullMap) return;
    // asked here, after the first render, while the data is on its way: a WebGL context takes a while to make
    if (!hasWebGL2()) return setState('noWebgl');
    let cancelled = false;
    loadFullMap().then(
      (module) => {
        if (!cancelled) setFullMap(() => module.default);
      },
      (error: unknown) => {
        console.warn('map: MapLibre did not load, keeping the simple map:', error instanceof Error ? error.message : error);
        if (!cancelled) setState('failed');
      },
    );
    return () => {
      cancelled = true;
    };
  }, [canFull, FullMap]);

  return (
    <div ref={stage} className="map-layers-stage" data-testid="map-stage" data-renderer={state === 'full' ? 'maplibre' : 'svg'}>
      {FullMap && canFull && (
        <FullMap
          {...props}
          initialBounds={() => view.current}
          onDrawn={() => setState('full')}
          onFailure={(error) => {
            console.warn('map: MapLibre failed, keeping the simple map:', error instanceof Error ? error.message : error);
            setState('failed');
          }}
        />
      )}
      {state !== 'full' && (
        <SvgMap
          {...props}
          onView={(bounds) => (view.current = bounds)}
          onDrawn={(at) => stage.current?.setAttribute('data-first-drawn-at', String(at))}
        />
      )}
      {!canFull && (
        <p className="map-svg-note" role="note">
          {t(state === 'noWebgl' ? 'map.noWebgl' : 'map.simpleOnly')}
        </p>
      )}
    </div>
  );
}
