import { Type, type Static } from 'typebox';
import { Nullable } from '../../platform/schemas.js';

const DateText = Type.String({ format: 'date', description: 'YYYY-MM-DD' });

export const ZONE_KINDS = ['lockdown', 'isolation'] as const;
export const ZoneKind = Type.Enum(ZONE_KINDS, { description: 'lockdown: phong tỏa; isolation: khu cách ly y tế' });
export type ZoneKind = (typeof ZONE_KINDS)[number];

export const ZONE_STATUSES = ['active', 'lifted', 'cancelled'] as const;
export const ZoneStatus = Type.Enum(ZONE_STATUSES);
export type ZoneStatus = (typeof ZONE_STATUSES)[number];

export const AreaGeometry = Type.Object(
  {
    type: Type.Union([Type.Literal('Polygon'), Type.Literal('MultiPolygon')]),
    coordinates: Type.Array(Type.Unknown(), { minItems: 1 }),
  },
  { description: 'GeoJSON Polygon or MultiPolygon in WGS84 ([longitude, latitude])' },
);
export type AreaGeometry = Static<typeof AreaGeometry>;

export const Decision = Type.Object(
  {
    number: Nullable(Type.String({ maxLength: 100, description: 'e.g. 1234/QĐ-UBND' })),
    date: Nullable(DateText),
    issuedBy: Nullable(Type.String({ maxLength: 300, description: 'e.g. UBND huyện Châu Thành A' })),
  },
  { additionalProperties: false },
);

export const Zone = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    kind: ZoneKind,
    name: Type.String(),
    unitCode: Type.String(),
    unitName: Type.String(),
    startsOn: Type.String(),
    endsOn: Nullable(Type.String()),
    status: ZoneStatus,
    decision: Type.Object({ number: Nullable(Type.String()), date: Nullable(Type.String()), issuedBy: Nullable(Type.String()) }),
    description: Nullable(Type.String()),
    geometry: Type.Unknown({ description: 'GeoJSON MultiPolygon (WGS84)' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { description: 'A lockdown zone or medical isolation area' },
);
export type Zone = Static<typeof Zone>;

const zoneFields = {
  kind: ZoneKind,
  name: Type.String({ minLength: 1, maxLength: 200 }),
  unitCode: Type.String({ pattern: '^[0-9]{3,5}$', description: 'the district or commune the zone lies in (scope)' }),
  geometry: AreaGeometry,
  startsOn: DateText,
  endsOn: Type.Optional(Nullable(DateText)),
  status: Type.Optional(ZoneStatus),
  decision: Type.Optional(Decision),
  description: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
};

export const CreateZoneBody = Type.Object(zoneFields, { additionalProperties: false });
export type CreateZoneBody = Static<typeof CreateZoneBody>;

export const UpdateZoneBody = Type.Partial(Type.Object(zoneFields), { additionalProperties: false, minProperties: 1 });
export type UpdateZoneBody = Static<typeof UpdateZoneBody>;

export const ZoneParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const ListZonesQuery = Type.Object({
  date: Type.Optional(DateText),
  all: Type.Optional(Type.Boolean({ description: 'true: every zone whatever its dates and status; otherwise the zones active on the date' })),
  kind: Type.Optional(ZoneKind),
});
export type ListZonesQuery = Static<typeof ListZonesQuery>;

export const ZoneList = Type.Object({ date: Nullable(Type.String()), items: Type.Array(Zone) });

export const ImportZonesBody = Type.Object(
  {
    type: Type.Literal('FeatureCollection'),
    features: Type.Array(Type.Object({ type: Type.Literal('Feature'), properties: Type.Unknown(), geometry: Type.Unknown() }), { minItems: 1, maxItems: 2000 }),
  },
  { description: 'GeoJSON FeatureCollection: each feature\'s properties are the fields of a zone (kind, name, unitCode, startsOn, endsOn, status, decision, description)' },
);
export type ImportZonesBody = Static<typeof ImportZonesBody>;
export const ImportZonesResult = Type.Object({ created: Type.Integer(), ids: Type.Array(Type.String()) });
