// What the level fill draws: each unit's boundary, or an approximate area when none was imported:
// the area of `approximateAreaOf` (the server's choice), else a box around the unit's places.
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { LEVEL_HEX, NO_LEVEL_HEX, type LevelColour, type LevelsDoc, type LevelProps, type PlacesDoc } from './api';

const PAD_DEGREES = 0.012; // about 1.3 km around a unit's places

export interface AreaProps {
  code: string;
  name: string;
  unitLevel: 'district' | 'commune';
  level: number | null;
  colour: LevelColour | null;
  fill: string;
  approximate: boolean;
  /** Codes of the units an approximate area stands for. */
  covers: string;
}

type AreaGeometry = Polygon | MultiPolygon;

export function levelFill(colour: LevelColour | null): string {
  return colour ? LEVEL_HEX[colour] : NO_LEVEL_HEX;
}

export function boxPolygon([minLon, minLat, maxLon, maxLat]: readonly [number, number, number, number]): Polygon {
  return { type: 'Polygon', coordinates: [[[minLon, minLat], [maxLon, minLat], [maxLon, maxLat], [minLon, maxLat], [minLon, minLat]]] };
}

function worst(units: LevelProps[]): LevelProps | undefined {
  return [...units].sort((a, b) => (b.level ?? 0) - (a.level ?? 0))[0];
}

export function unitAreas(levels: LevelsDoc, places: PlacesDoc | undefined): FeatureCollection<AreaGeometry, AreaProps> {
  const byCode = new Map(levels.features.map((feature) => [feature.properties.code, feature]));
  const features: Feature<AreaGeometry, AreaProps>[] = [];
  const borrowed = new Map<string, LevelProps[]>(); // parent code → units drawn on the parent's area
  const placesOf = new Map<string, [number, number][]>();
  for (const place of places?.features ?? []) {
    if (place.properties.status === 'closed') continue;
    const commune = byCode.get(place.properties.communeCode)?.properties;
    for (const code of [place.properties.communeCode, commune?.parentCode]) {
      if (!code) continue;
      const list = placesOf.get(code) ?? [];
      list.push(place.geometry.coordinates as [number, number]);
      placesOf.set(code, list);
    }
  }

  for (const { geometry, properties: unit } of levels.features) {
    if (unit.unitLevel === 'province') continue;
    const base = { code: unit.code, name: unit.name, unitLevel: unit.unitLevel, level: unit.level, colour: unit.colour, fill: levelFill(unit.colour), covers: unit.code };
    if (geometry && (geometry.type === 'Polygon' || geometry.type === 'MultiPolygon')) {
      features.push({ type: 'Feature', geometry, properties: { ...base, approximate: false } });
      continue;
    }
    const parent = unit.approximateAreaOf ? byCode.get(unit.approximateAreaOf) : undefined;
    if (parent?.geometry && unit.approximateAreaOf) {
      borrowed.set(unit.approximateAreaOf, [...(borrowed.get(unit.approximateAreaOf) ?? []), unit]);
      continue;
    }
    const points = placesOf.get(unit.code);
    if (!points?.length) continue;
    const lons = points.map((p) => p[0]);
    const lats = points.map((p) => p[1]);
    const box = boxPolygon([Math.min(...lons) - PAD_DEGREES, Math.min(...lats) - PAD_DEGREES, Math.max(...lons) + PAD_DEGREES, Math.max(...lats) + PAD_DEGREES]);
    features.push({ type: 'Feature', geometry: box, properties: { ...base, approximate: true } });
  }

  for (const [parentCode, units] of borrowed) {
    const parent = byCode.get(parentCode);
    const geometry = parent?.geometry;
    const shown = worst(units);
    if (!parent || !shown || !geometry || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')) continue;
    features.push({
      type: 'Feature',
      geometry,
      properties: {
        code: shown.code,
        name: parent.properties.name,
        unitLevel: shown.unitLevel === 'district' ? 'district' : 'commune',
        level: shown.level,
        colour: shown.colour,
        fill: levelFill(shown.colour),
        approximate: true,
        covers: units.map((unit) => unit.code).join(','),
      },
    });
  }
  return { type: 'FeatureCollection', features };
}
