// Shape checks of a GeoJSON Polygon/MultiPolygon before PostGIS sees it, so that a malformed
// one answers 400 naming what is wrong instead of a parse error from the database.
import type { AreaGeometry } from './schema.js';

function positionProblem(position: unknown): string | null {
  if (!Array.isArray(position) || position.length < 2 || position.length > 3 || !position.every((n) => typeof n === 'number' && Number.isFinite(n))) {
    return 'a position must be [longitude, latitude]';
  }
  const [lon, lat] = position as number[];
  return lon! < -180 || lon! > 180 || lat! < -90 || lat! > 90 ? `position [${lon}, ${lat}] is not WGS84 longitude/latitude` : null;
}

function ringProblem(ring: unknown): string | null {
  if (!Array.isArray(ring) || ring.length < 4) return 'each ring needs at least 4 positions (the last repeating the first)';
  for (const position of ring) {
    const problem = positionProblem(position);
    if (problem) return problem;
  }
  const first = ring[0] as number[];
  const last = ring[ring.length - 1] as number[];
  return first[0] === last[0] && first[1] === last[1] ? null : 'each ring must be closed (its last position equal to its first)';
}

function polygonProblem(polygon: unknown): string | null {
  if (!Array.isArray(polygon) || polygon.length === 0) return 'a polygon is an array of rings';
  for (const ring of polygon) {
    const problem = ringProblem(ring);
    if (problem) return problem;
  }
  return null;
}

/** Why the geometry is not a well-formed Polygon or MultiPolygon, or null. */
export function shapeProblem(geometry: AreaGeometry): string | null {
  if (geometry.type === 'Polygon') return polygonProblem(geometry.coordinates);
  for (const polygon of geometry.coordinates) {
    const problem = polygonProblem(polygon);
    if (problem) return problem;
  }
  return null;
}
