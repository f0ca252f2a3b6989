import { Type, type Static } from 'typebox';
import { PageQuery } from '../../platform/pagination.js';
import { Nullable } from '../../platform/schemas.js';


export const PLACE_KINDS = ['testing_site', 'vaccination_site', 'quarantine_facility', 'hospital', 'health_centre', 'checkpoint'] as const;
export const PlaceKind = Type.Enum(PLACE_KINDS);
export type PlaceKind = (typeof PLACE_KINDS)[number];

export const PLACE_STATUSES = ['open', 'full', 'suspended', 'closed'] as const;
export const PlaceStatus = Type.Enum(PLACE_STATUSES);
export type PlaceStatus = (typeof PLACE_STATUSES)[number];

export const Latitude = Type.Number({ minimum: -90, maximum: 90, description: 'WGS84 latitude' });
export const Longitude = Type.Number({ minimum: -180, maximum: 180, description: 'WGS84 longitude' });
const DateText = Type.String({ format: 'date', description: 'YYYY-MM-DD' });

export const Place = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    code: Nullable(Type.String({ description: 'the health department\'s own reference; CSV imports update by it' })),
    kind: PlaceKind,
    name: Type.String(),
    address: Nullable(Type.String()),
    communeCode: Type.String(),
    communeName: Type.String(),
    lat: Type.Number(),
    lon: Type.Number(),
    openingHours: Nullable(Type.String()),
    phone: Nullable(Type.String()),
    capacity: Nullable(Type.Integer()),
    status: PlaceStatus,
    validFrom: Nullable(Type.String()),
    validTo: Nullable(Type.String()),
    notes: Nullable(Type.String()),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { description: 'A place on the public map' },
);
export type Place = Static<typeof Place>;

const placeFields = {
  code: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 64 }))),
  kind: PlaceKind,
  name: Type.String({ minLength: 1, maxLength: 200 }),
  address: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  communeCode: Type.String({ pattern: '^[0-9]{5}$', description: 'GSO code of the commune the place lies in' }),
  lat: Latitude,
  lon: Longitude,
  openingHours: Type.Optional(Nullable(Type.String({ maxLength: 500, description: 'free text, e.g. "7:00–11:00, 13:30–17:00 Mon–Sat"' }))),
  phone: Type.Optional(Nullable(Type.String({ maxLength: 32 }))),
  capacity: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 1_000_000 }))),
  status: Type.Optional(PlaceStatus),
  validFrom: Type.Optional(Nullable(DateText)),
  validTo: Type.Optional(Nullable(DateText)),
  notes: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
};

export const CreatePlaceBody = Type.Object(placeFields, { additionalProperties: false });
export type CreatePlaceBody = Static<typeof CreatePlaceBody>;

export const UpdatePlaceBody = Type.Partial(Type.Object(placeFields), { additionalProperties: false, minProperties: 1 });
export type UpdatePlaceBody = Static<typeof UpdatePlaceBody>;

export const ClosePlaceBody = Type.Object({ reason: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false });

export const PlaceParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const KindList = Type.String({
  pattern: `^(${PLACE_KINDS.join('|')})(,(${PLACE_KINDS.join('|')}))*$`,
  description: 'comma-separated kinds, e.g. testing_site,vaccination_site',
});
export const Bbox = Type.String({
  pattern: '^-?[0-9.]+,-?[0-9.]+,-?[0-9.]+,-?[0-9.]+$',
  description: 'minLon,minLat,maxLon,maxLat (WGS84)',
});

export const ListPlacesQuery = Type.Object({
  ...PageQuery,
  kind: Type.Optional(KindList),
  bbox: Type.Optional(Bbox),
  status: Type.Optional(PlaceStatus),
  communeCode: Type.Optional(Type.String({ pattern: '^[0-9]{2,5}$', description: 'a unit: places in it and below it' })),
  q: Type.Optional(Type.String({ maxLength: 200, description: 'part of the name or address (diacritics and case ignored)' })),
});
export type ListPlacesQuery = Static<typeof ListPlacesQuery>;

export const NearbyQuery = Type.Object({
  lat: Latitude,
  lon: Longitude,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 20, default: 3, description: 'sites of each kind' })),
  commune: Type.Optional(Type.String({ pattern: '^[0-9]{5}$', description: 'the commune of the point when the caller knows it (a place picked from the list); used when no commune boundary covers the point' })),
  date: Type.Optional(DateText),
});
export type NearbyQuery = Static<typeof NearbyQuery>;

export const NearSite = Type.Object({
  id: Type.String(),
  kind: PlaceKind,
  name: Type.String(),
  address: Nullable(Type.String()),
  status: PlaceStatus,
  openingHours: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  lat: Type.Number(),
  lon: Type.Number(),
  distanceMetres: Type.Integer(),
});

export const ZoneHit = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  name: Type.String(),
  startsOn: Type.String(),
  endsOn: Nullable(Type.String()),
  decisionNumber: Nullable(Type.String()),
});

export const NearbyResult = Type.Object({
  point: Type.Object({ lat: Type.Number(), lon: Type.Number() }),
  date: Type.String(),
  unit: Nullable(Type.Object({
    code: Type.String(),
    name: Type.String(),
    level: Type.String({ description: 'commune or district' }),
    how: Type.Union([Type.Literal('boundary'), Type.Literal('given')], { description: 'boundary: the point lies in its imported boundary; given: the commune query parameter' }),
  })),
  epidemicLevel: Nullable(Type.Object({
    level: Type.Integer({ minimum: 1, maximum: 4 }),
    colour: Type.String(),
    unitCode: Type.String({ description: 'whose level: the unit, or its district when the unit has none' }),
    effectiveFrom: Type.String(),
  })),
  insideZones: Type.Array(ZoneHit),
  testingSites: Type.Array(NearSite),
  vaccinationSites: Type.Array(NearSite),
  notes: Type.Array(Type.String()),
});
export type NearbyResult = Static<typeof NearbyResult>;

export const ImportResult = Type.Object({ created: Type.Integer(), updated: Type.Integer(), ids: Type.Array(Type.String()) });
export type ImportResult = Static<typeof ImportResult>;
