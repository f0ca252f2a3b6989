// Request and response shapes of sites and stock: shipments, movements, wastage, stock on hand,
// the reconciliation.
import { type Static, Type } from 'typebox';
import { ProductCode } from './catalogue.schema.js';
import { Nullable, Uuid } from '../../platform/schemas.js';

const UnitCode = Type.String({ pattern: '^[0-9]{2,5}$' });
const IsoDate = Type.String({ format: 'date' });
const IsoTime = Type.String({ format: 'date-time' });

export const CreateSiteBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  communeCode: UnitCode,
  placeId: Type.Optional(Uuid()),
}, { additionalProperties: false });
export type CreateSiteBody = Static<typeof CreateSiteBody>;

export const Site = Type.Object({ id: Uuid(), name: Type.String(), communeCode: Type.String(), placeId: Nullable(Uuid()), active: Type.Boolean() });
export type Site = Static<typeof Site>;
export const SiteList = Type.Object({ items: Type.Array(Site) });
export const ListSitesQuery = Type.Object({ unitCode: Type.Optional(UnitCode) }, { additionalProperties: false });

/** Who holds stock: a store of a province or district (unitCode), or a vaccination site (siteId). */
export const Holder = Type.Object({ unitCode: Type.Optional(UnitCode), siteId: Type.Optional(Uuid()) }, { additionalProperties: false, description: 'exactly one of unitCode (a store) or siteId' });
export type Holder = Static<typeof Holder>;

export const ReceiveShipmentBody = Type.Object({
  productCode: ProductCode,
  lotNumber: Type.String({ pattern: '^[A-Za-z0-9./-]{1,40}$' }),
  expiresOn: IsoDate,
  doses: Type.Integer({ minimum: 1, maximum: 10_000_000 }),
  unitCode: Type.Optional(UnitCode),
  receivedAt: Type.Optional(IsoTime),
  reference: Type.Optional(Type.String({ maxLength: 200 })),
}, { additionalProperties: false });
export type ReceiveShipmentBody = Static<typeof ReceiveShipmentBody>;

export const Lot = Type.Object({ id: Uuid(), productCode: Type.String(), lotNumber: Type.String(), expiresOn: Type.String() });
export type Lot = Static<typeof Lot>;

export const Shipment = Type.Object({ id: Uuid(), lot: Lot, unitCode: Type.String(), doses: Type.Integer(), receivedAt: Type.String(), reference: Type.Union([Type.String(), Type.Null()]) });
export type Shipment = Static<typeof Shipment>;

export const MoveStockBody = Type.Object({
  lotId: Uuid(),
  from: Holder,
  to: Holder,
  doses: Type.Integer({ minimum: 1, maximum: 10_000_000 }),
  note: Type.Optional(Type.String({ maxLength: 500 })),
}, { additionalProperties: false });
export type MoveStockBody = Static<typeof MoveStockBody>;

export const Movement = Type.Object({
  id: Uuid(), kind: Type.Union([Type.Literal('allocation'), Type.Literal('transfer')]), lotId: Uuid(), from: Holder, to: Holder, doses: Type.Integer(),
  fromOnHand: Type.Integer({ description: 'doses of the lot left at the source' }),
});
export type Movement = Static<typeof Movement>;

export const WastageReason = Type.Union([Type.Literal('opened_vial'), Type.Literal('broken'), Type.Literal('cold_chain'), Type.Literal('expired'), Type.Literal('other')]);
export const WastageBody = Type.Object({
  siteId: Uuid(),
  lotId: Uuid(),
  doses: Type.Integer({ minimum: 1, maximum: 100_000 }),
  reason: WastageReason,
  sessionDate: IsoDate,
  note: Type.Optional(Type.String({ maxLength: 500 })),
}, { additionalProperties: false });
export type WastageBody = Static<typeof WastageBody>;
export const Wastage = Type.Object({ id: Uuid(), siteId: Uuid(), lotId: Uuid(), doses: Type.Integer(), reason: Type.String(), sessionDate: Type.String(), onHand: Type.Integer() });
export type Wastage = Static<typeof Wastage>;

export const StockQuery = Type.Object({
  unitCode: Type.Optional(UnitCode),
  siteId: Type.Optional(Uuid()),
  productCode: Type.Optional(ProductCode),
  expiringWithinDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 365, default: 30 })),
  lowBelowDoses: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 20 })),
}, { additionalProperties: false });
export type StockQuery = Static<typeof StockQuery>;

export const StockWarning = Type.Union([Type.Literal('expired'), Type.Literal('expiring'), Type.Literal('stock_out'), Type.Literal('low')]);
export type StockWarning = Static<typeof StockWarning>;
export const StockLine = Type.Object({
  holder: Type.Object({ unitCode: Type.Union([Type.String(), Type.Null()]), siteId: Nullable(Uuid()), name: Type.String() }),
  lot: Lot,
  onHand: Type.Integer(),
  warnings: Type.Array(StockWarning),
});
export type StockLine = Static<typeof StockLine>;
export const StockReport = Type.Object({ asOf: Type.String(), items: Type.Array(StockLine) });
export type StockReport = Static<typeof StockReport>;

export const ReconciliationQuery = Type.Object({ productCode: Type.Optional(ProductCode) }, { additionalProperties: false });
export const ReconciliationLine = Type.Object({
  lot: Lot,
  delivered: Type.Integer(),
  administered: Type.Integer({ description: 'dose records of the lot' }),
  wasted: Type.Integer(),
  onHand: Type.Integer({ description: 'sum of the ledger over every holder' }),
  gap: Type.Integer({ description: 'delivered − administered − wasted − onHand; 0 when the books agree' }),
  overAdministered: Type.Boolean({ description: 'more doses recorded than the lot delivered' }),
});
export type ReconciliationLine = Static<typeof ReconciliationLine>;
export const Reconciliation = Type.Object({ items: Type.Array(ReconciliationLine), balanced: Type.Boolean() });
export type Reconciliation = Static<typeof Reconciliation>;

export const SiteParams = Type.Object({ siteId: Uuid() });
export const UsageQuery = Type.Object({ from: IsoDate, to: IsoDate }, { additionalProperties: false });
export type UsageQuery = Static<typeof UsageQuery>;
export const SiteUsage = Type.Object({
  siteId: Uuid(),
  items: Type.Array(Type.Object({ sessionDate: Type.String(), lot: Lot, administered: Type.Integer(), wasted: Type.Integer() })),
});
export type SiteUsage = Static<typeof SiteUsage>;
