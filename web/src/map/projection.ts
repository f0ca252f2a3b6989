// Web Mercator in a few lines, for the SVG map: positions become SVG units (x = 1000 × longitude,
// y = −1000 × the Mercator ordinate in degrees), so a view is just an SVG viewBox.
import type { Position } from 'geojson';

export type Bounds = [number, number, number, number]; // [west, south, east, north], degrees
export interface View {
  x: number;
  y: number;
  width: number;
  height: number;
}

const K = 1000;
const RAD = Math.PI / 180;

export function projectX(lon: number): number {
  return lon * K;
}

export function projectY(lat: number): number {
  return (-Math.log(Math.tan(Math.PI / 4 + (lat * RAD) / 2)) / RAD) * K;
}

export function unproject(x: number, y: number): { lon: number; lat: number } {
  return { lon: x / K, lat: (2 * Math.atan(Math.exp((-y / K) * RAD)) - Math.PI / 2) / RAD };
}

/** The view showing `bounds` whole in a box of width × height pixels, with `padding` pixels around. */
export function fitView(bounds: Bounds, width: number, height: number, padding = 16): View {
  const [west, south, east, north] = bounds;
  const x0 = projectX(west);
  const x1 = projectX(east);
  const y0 = projectY(north);
  const y1 = projectY(south);
  const scale = Math.min((width - 2 * padding) / (x1 - x0), (height - 2 * padding) / (y1 - y0));
  const w = width / scale;
  const h = height / scale;
  return { x: (x0 + x1) / 2 - w / 2, y: (y0 + y1) / 2 - h / 2, width: w, height: h };
}

export function viewBounds(view: View): Bounds {
  const nw = unproject(view.x, view.y);
  const se = unproject(view.x + view.width, view.y + view.height);
  return [nw.lon, se.lat, se.lon, nw.lat];
}

/** The MapLibre zoom that shows the view at this pixel width (512-pixel tiles). */
export function zoomOf(view: View, pixelWidth: number): number {
  const pixelsPerDegree = pixelWidth / (view.width / K);
  return Math.log2((pixelsPerDegree * 360) / 512);
}

/** Zooms by `factor` (> 1 in) about the point (cx, cy) in SVG units. */
export function zoomView(view: View, factor: number, cx = view.x + view.width / 2, cy = view.y + view.height / 2): View {
  const width = view.width / factor;
  const height = view.height / factor;
  return { x: cx - ((cx - view.x) / view.width) * width, y: cy - ((cy - view.y) / view.height) * height, width, height };
}

/**
 * An SVG path of polygon rings, skipping points closer than `tolerance` SVG units to the last one
 * kept (imported boundaries carry far more detail than a province-wide drawing can show).
 */
export function ringsPath(rings: Position[][], tolerance: number): string {
  let d = '';
  for (const ring of rings) {
    let lastX = Number.NaN;
    let lastY = Number.NaN;
    let kept = 0;
    ring.forEach((position, index) => {
      const x = projectX(position[0] ?? 0);
      const y = projectY(position[1] ?? 0);
      const last = index === ring.length - 1;
      if (!last && kept > 0 && Math.abs(x - lastX) < tolerance && Math.abs(y - lastY) < tolerance) return;
      d += `${kept === 0 ? 'M' : 'L'}${x.toFixed(1)} ${y.toFixed(1)}`;
      lastX = x;
      lastY = y;
      kept += 1;
    });
    if (kept > 0) d += 'Z';
  }
  return d;
}
