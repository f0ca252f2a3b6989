// The open-data documents the public map draws, in the order its first paint needs them (levels and
// places before it can draw; zones a moment later). index.html asks for them before any code has
// arrived (vite/firstPaint.ts); useMapData.ts refetches them on live events.
export const MAP_DOCUMENTS = {
  levels: '/api/v1/open/levels.geojson',
  places: '/api/v1/open/places.geojson',
  zones: '/api/v1/open/zones.geojson',
} as const;

export type MapDocument = keyof typeof MAP_DOCUMENTS;

/** The Accept header of every request for them, the early ones included. */
export const DOCUMENT_ACCEPT = 'application/geo+json, application/json';

/** Where index.html leaves the requests it started (url → response), for openData.ts to take once. */
export const EARLY_FETCHES = 'vigilEarlyFetches';
