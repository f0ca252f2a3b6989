import { Type, type Static } from 'typebox';

export const UnitLevel = Type.Union([Type.Literal('province'), Type.Literal('district'), Type.Literal('commune')]);
export type UnitLevel = Static<typeof UnitLevel>;

export const UnitCode = Type.String({ pattern: '^[0-9]{2,5}$', description: 'GSO code: province 2 digits, district 3, commune 5' });

export const Unit = Type.Object(
  {
    code: Type.String(),
    name: Type.String(),
    shortName: Type.String(),
    type: Type.String({ description: 'Tỉnh, Thành phố, Thị xã, Huyện, Phường, Xã, Thị trấn …' }),
    level: UnitLevel,
    parentCode: Type.Union([Type.String(), Type.Null()]),
    population: Type.Union([Type.Integer(), Type.Null()]),
    populationYear: Type.Union([Type.Integer(), Type.Null()]),
    populationSource: Type.Union([Type.String(), Type.Null()]),
    hasBoundary: Type.Boolean(),
    geometry: Type.Optional(Type.Union([Type.Unknown({ description: 'GeoJSON MultiPolygon (WGS84)' }), Type.Null()])),
  },
  { description: 'An administrative unit' },
);
export type Unit = Static<typeof Unit>;

export const ListUnitsQuery = Type.Object({
  level: Type.Optional(UnitLevel),
  parent: Type.Optional(UnitCode),
});

export const UnitParams = Type.Object({ code: UnitCode });
export const GetUnitQuery = Type.Object({
  geometry: Type.Optional(Type.Union([Type.Literal('1'), Type.Literal('0'), Type.Literal('true'), Type.Literal('false')])),
});

export const PopulationPatch = Type.Object(
  {
    population: Type.Integer({ minimum: 0, maximum: 200_000_000 }),
    populationYear: Type.Integer({ minimum: 1900, maximum: 2200 }),
    populationSource: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type PopulationPatch = Static<typeof PopulationPatch>;
