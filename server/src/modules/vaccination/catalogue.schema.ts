// The vaccine catalogue's shape: products.json is checked against it at start.
import { type Static, Type } from 'typebox';

export const ProductCode = Type.String({ pattern: '^[A-Z0-9_]{2,40}$', description: 'catalogue code, e.g. PFIZER' });

export const Product = Type.Object({
  code: ProductCode,
  name: Type.String({ minLength: 1 }),
  manufacturer: Type.String({ minLength: 1 }),
  primaryDoses: Type.Integer({ minimum: 1, maximum: 5, description: 'doses in the primary series' }),
  minIntervalDays: Type.Array(Type.Integer({ minimum: 0 }), { description: 'minimum days between dose k and dose k+1 of the primary series' }),
  boosterMinDays: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], { description: 'minimum days from the last dose before a booster; null: no booster' }),
  boosterProducts: Type.Array(ProductCode, { description: 'products that may boost a series of this product' }),
  completesSeriesOf: Type.Array(ProductCode, { description: 'products whose started primary series this one may complete' }),
  dosesPerVial: Type.Integer({ minimum: 1, maximum: 50 }),
  storage: Type.String(),
  openedVialHours: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
  source: Type.String({ description: 'where the values come from, and which are defaults to configure' }),
}, { additionalProperties: false });
export type Product = Static<typeof Product>;

export const CatalogueFile = Type.Object({
  _comment: Type.Optional(Type.Array(Type.String())),
  products: Type.Array(Product, { minItems: 1 }),
}, { additionalProperties: false });
export type CatalogueFile = Static<typeof CatalogueFile>;

export const ProductList = Type.Object({ items: Type.Array(Product) });
