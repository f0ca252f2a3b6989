// The light map: the province drawn at once as inline SVG from the open-data documents, while
// MapLibre loads, and for good where a browser has no WebGL. Drag to pan, wheel, keys or buttons to
// zoom; a tap on a place, a zone or a unit's area picks it, as on the MapLibre map.
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type MouseEvent, type PointerEvent } from 'react';
import { useI18n } from '../i18n';
import type { MapLayersProps } from './mapProps';
import { fitView, unproject, viewBounds, zoomOf, zoomView, type Bounds, type View } from './projection';
import { drawnLevels, SvgLayers } from './SvgLayers';

export interface SvgMapProps extends MapLayersProps {
  /** Told the shown bounds after each move, so MapLibre can open on the same view. */
  onView?: (bounds: Bounds) => void;
  /** Called once, when the data is first on screen, with the time (performance.now()). */
  onDrawn?: (at: number) => void;
}

const MAX_ZOOM = 16;
const DRAG_PIXELS = 4;

export default function SvgMap(props: SvgMapProps) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  const [view, setView] = useState<View | null>(null);
  const drag = useRef<{ x: number; y: number; view: View; moved: boolean; pointer: number } | null>(null);
  const moved = useRef(false);
  const onView = useRef(props.onView);
  onView.current = props.onView;
  const onDrawn = useRef(props.onDrawn);
  onDrawn.current = props.onDrawn;

  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => {
      const { width, height } = element.getBoundingClientRect();
      if (width > 0 && height > 0) setSize((old) => (old && old.width === width && old.height === height ? old : { width, height }));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // the province fitted once its area is known (and again if it changes before a move); after a
  // resize the same centre and scale
  const province = props.provinceBbox;
  const provinceKey = province?.join(',');
  useLayoutEffect(() => {
    if (!size || !province) return;
    setView((old) => {
      if (!old || !moved.current) return fitView(province, size.width, size.height);
      const scale = Math.max(size.width / old.width, 1e-9);
      const cx = old.x + old.width / 2;
      const cy = old.y + old.height / 2;
      return { x: cx - size.width / scale / 2, y: cy - size.height / scale / 2, width: size.width / scale, height: size.height / scale };
    });
  }, [size, provinceKey]); // the box by value: a refetched document with the same box keeps the view

  useEffect(() => {
    if (view) onView.current?.(viewBounds(view));
  }, [view]);

  const scale = size && view ? size.width / view.width : 1;
  const zoom = size && view ? zoomOf(view, size.width) : 0;
  const fitZoom = size && province ? zoomOf(fitView(province, size.width, size.height), size.width) : 0;
  const levels = drawnLevels({ areas: props.areas, showLevels: props.showLevels, levelMode: props.levelMode, zoom });
  const drawn = Boolean(view && props.places && props.areas);

  // when the data is first on screen (the bench's "first map drawn")
  useEffect(() => {
    const element = box.current;
    if (!drawn || !element || element.dataset.drawnAt) return;
    requestAnimationFrame(() =>
      setTimeout(() => {
        const at = Math.round(performance.now());
        element.dataset.drawnAt = String(at);
        onDrawn.current?.(at);
      }, 0),
    );
  }, [drawn]);

  const zoomBy = (factor: number, cx?: number, cy?: number) => {
    setView((old) => {
      if (!old || !size) return old;
      const next = zoomOf(old, size.width) + Math.log2(factor);
      if (next > MAX_ZOOM || next < fitZoom - 1.5) return old;
      moved.current = true;
      return zoomView(old, factor, cx, cy);
    });
  };
  const panBy = (dx: number, dy: number) => {
    moved.current = true;
    setView((old) => (old ? { ...old, x: old.x + dx * old.width, y: old.y + dy * old.height } : old));
  };
  const toUnits = (clientX: number, clientY: number) => {
    const rect = box.current?.getBoundingClientRect();
    if (!rect || !view) return { x: 0, y: 0 };
    return { x: view.x + ((clientX - rect.left) / rect.width) * view.width, y: view.y + ((clientY - rect.top) / rect.height) * view.height };
  };

  // a wheel zooms the map, not the page (React's wheel listener is passive)
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const at = toUnits(event.clientX, event.clientY);
      zoomBy(event.deltaY < 0 ? 1.5 : 1 / 1.5, at.x, at.y);
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  });

  const onPointerDown = (event: PointerEvent<SVGSVGElement>) => {
    if (view && event.button === 0) drag.current = { x: event.clientX, y: event.clientY, view, moved: false, pointer: event.pointerId };
  };
  const onPointerMove = (event: PointerEvent<SVGSVGElement>) => {
    const start = drag.current;
    if (!start || start.pointer !== event.pointerId || !size) return;
    const dx = event.clientX - start.x;
    const dy = event.clientY - start.y;
    if (!start.moved && Math.hypot(dx, dy) < DRAG_PIXELS) return;
    if (!start.moved) event.currentTarget.setPointerCapture(event.pointerId); // only now, so a tap keeps its target
    start.moved = true;
    moved.current = true;
    const unitsPerPixel = start.view.width / size.width;
    setView({ ...start.view, x: start.view.x - dx * unitsPerPixel, y: start.view.y - dy * unitsPerPixel });
  };
  const onPointerUp = () => {
    // a drag ends with a click on the map: let onClick see that it was a drag, then forget it
    setTimeout(() => (drag.current = null), 0);
  };
  const onClick = (event: MouseEvent<SVGSVGElement>) => {
    if (drag.current?.moved) return;
    const target = event.target as Element;
    const place = target.closest('[data-place]')?.getAttribute('data-place');
    if (place) return props.onPick({ type: 'place', id: place });
    const zone = target.closest('[data-zone]')?.getAttribute('data-zone');
    if (zone) return props.onPick({ type: 'zone', id: zone });
    const at = toUnits(event.clientX, event.clientY);
    const { lat, lon } = unproject(at.x, at.y);
    const unit = target.closest('[data-unit]');
    const code = unit?.getAttribute('data-unit');
    if (code) return props.onPick({ type: 'unit', code, covers: (unit?.getAttribute('data-covers') ?? code).split(','), lat, lon });
    props.onPick({ type: 'point', lat, lon });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = 0.15;
    const moves: Record<string, () => void> = {
      ArrowLeft: () => panBy(-step, 0),
      ArrowRight: () => panBy(step, 0),
      ArrowUp: () => panBy(0, -step),
      ArrowDown: () => panBy(0, step),
      '+': () => zoomBy(2),
      '=': () => zoomBy(2),
      '-': () => zoomBy(0.5),
    };
    const move = event.target === event.currentTarget ? moves[event.key] : undefined;
    if (!move) return;
    event.preventDefault();
    move();
  };

  return (
    <div
      ref={box}
      className="map-svg"
      data-testid="map-svg"
      data-levels={levels}
      role="region"
      aria-label={props.label}
      aria-roledescription={t('map.simpleMap')}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      {size && view && (
        <svg
          viewBox={`${view.x} ${view.y} ${view.width} ${view.height}`}
          width={size.width}
          height={size.height}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={onPointerUp}
          onClick={onClick}
          aria-hidden="true"
        >
          <SvgLayers
            places={props.places}
            zones={props.zones}
            areas={props.areas}
            provinceBbox={props.provinceBbox}
            showProvinceBox={props.showProvinceBox}
            placeKinds={props.placeKinds}
            zoneKinds={props.zoneKinds}
            showLevels={props.showLevels}
            levelMode={props.levelMode}
            point={props.point}
            scale={scale}
            zoom={zoom}
          />
        </svg>
      )}
      <div className="map-svg-zoom">
        <button type="button" onClick={() => zoomBy(2)} aria-label={t('map.zoomIn')} title={t('map.zoomIn')}>
          +
        </button>
        <button type="button" onClick={() => zoomBy(0.5)} aria-label={t('map.zoomOut')} title={t('map.zoomOut')}>
          −
        </button>
      </div>
    </div>
  );
}
