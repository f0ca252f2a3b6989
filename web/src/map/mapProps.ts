// What both map renderers (the SVG map drawn at once, and MapLibre once it has loaded) are given.
// Kept apart from MapView.tsx so that importing these types never pulls MapLibre into a chunk.
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { PlaceKind, PlacesDoc, ZoneKind, ZonesDoc } from './api';
import type { AreaProps } from './areas';
import type { Bounds } from './projection';

export type LevelMode = 'auto' | 'district' | 'commune';

/** What a tap chose: a place, a zone, a unit's area (with the tapped point) or a bare point. */
export type Pick =
  | { type: 'place'; id: string }
  | { type: 'zone'; id: string }
  | { type: 'unit'; code: string; covers: string[]; lat: number; lon: number }
  | { type: 'point'; lat: number; lon: number };

export interface MapLayersProps {
  places: PlacesDoc | undefined;
  zones: ZonesDoc | undefined;
  areas: FeatureCollection<Polygon | MultiPolygon, AreaProps> | undefined;
  /** The province's area from the levels document; undefined until it has arrived. */
  provinceBbox: Bounds | undefined;
  showProvinceBox: boolean;
  placeKinds: PlaceKind[];
  zoneKinds: ZoneKind[];
  showLevels: boolean;
  levelMode: LevelMode;
  point: { lat: number; lon: number } | null;
  label: string;
  onPick: (pick: Pick) => void;
}

/** At and above this zoom, "automatic" colours communes; below it, districts. */
export const AUTO_COMMUNE_ZOOM = 10.5;

/** Whether a unit level's areas are drawn at this zoom. */
export function levelShown(props: { showLevels: boolean; levelMode: LevelMode }, level: 'district' | 'commune', zoom: number): boolean {
  if (!props.showLevels) return false;
  if (props.levelMode !== 'auto') return props.levelMode === level;
  return level === 'district' ? zoom < AUTO_COMMUNE_ZOOM : zoom >= AUTO_COMMUNE_ZOOM;
}

export type { Bounds };
