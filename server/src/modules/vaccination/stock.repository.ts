// SQL of the stock ledger: lots, holders (stores and sites), movements and what they sum to.
import type { Queryable } from '../../db/database.js';
import { unitInScopeSql } from '../../platform/scope.js';
import type { Lot } from './stock.schema.js';

export interface LotRow {
  id: string;
  product_code: string;
  lot_number: string;
  expires_on: string;
}

export const presentLot = (row: LotRow): Lot => ({ id: row.id, productCode: row.product_code, lotNumber: row.lot_number, expiresOn: row.expires_on });

/** The lot, locked until the transaction ends: every movement of a lot takes this lock first, so balances are checked and changed one at a time. */
export async function lockLot(tx: Queryable, id: string): Promise<LotRow | null> {
  const [row] = await tx.query<LotRow>('SELECT id, product_code, lot_number, expires_on FROM vaccine_lots WHERE id = $1 FOR UPDATE', [id]);
  return row ?? null;
}

/** The lot of that product and number, made if new; locked. */
export async function lotFor(tx: Queryable, productCode: string, lotNumber: string, expiresOn: string): Promise<LotRow> {
  await tx.query(
    'INSERT INTO vaccine_lots (product_code, lot_number, expires_on) VALUES ($1, $2, $3) ON CONFLICT (product_code, lot_number) DO NOTHING',
    [productCode, lotNumber, expiresOn],
  );
  const [row] = await tx.query<LotRow>('SELECT id, product_code, lot_number, expires_on FROM vaccine_lots WHERE product_code = $1 AND lot_number = $2 FOR UPDATE', [productCode, lotNumber]);
  return row!;
}

export type HolderRef = { unitCode: string; siteId?: undefined } | { siteId: string; unitCode?: undefined };

/** Doses of the lot the holder has now: the sum of its movements. */
export async function onHand(tx: Queryable, lotId: string, holder: HolderRef): Promise<number> {
  const [row] = holder.siteId !== undefined
    ? await tx.query<{ n: number }>('SELECT COALESCE(sum(doses), 0)::int AS n FROM vaccine_stock_movements WHERE lot_id = $1 AND site_id = $2', [lotId, holder.siteId])
    : await tx.query<{ n: number }>('SELECT COALESCE(sum(doses), 0)::int AS n FROM vaccine_stock_movements WHERE lot_id = $1 AND unit_code = $2', [lotId, holder.unitCode]);
  return row!.n;
}

export interface MovementValues {
  lotId: string;
  holder: HolderRef;
  doses: number;
  kind: 'received' | 'sent' | 'arrived' | 'administered' | 'wasted';
  shipmentId?: string;
  transferId?: string;
  wastageId?: string;
  doseId?: string;
}

export async function insertMovement(tx: Queryable, m: MovementValues): Promise<void> {
  await tx.query(
    `INSERT INTO vaccine_stock_movements (lot_id, unit_code, site_id, doses, kind, shipment_id, transfer_id, wastage_id, dose_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [m.lotId, m.holder.unitCode ?? null, m.holder.siteId ?? null, m.doses, m.kind, m.shipmentId ?? null, m.transferId ?? null, m.wastageId ?? null, m.doseId ?? null],
  );
}

export interface SiteRow {
  id: string;
  name: string;
  commune_code: string;
  place_id: string | null;
  active: boolean;
  /** units from the province down to the site's commune */
  path: string[];
}

/** A site in the actor's scope (null: everywhere), or null as if it did not exist. */
export async function findSiteInScope(db: Queryable, id: string, scope: string | null): Promise<SiteRow | null> {
  const [row] = await db.query<SiteRow>(
    `SELECT s.id, s.name, s.commune_code, s.place_id, s.active, u.path FROM vaccination_sites s JOIN units u ON u.code = s.commune_code
     WHERE s.id = $1 AND ${unitInScopeSql('s.commune_code', 2)}`,
    [id, scope],
  );
  return row ?? null;
}

export async function findUnitPath(db: Queryable, code: string): Promise<{ level: string; path: string[] } | null> {
  const [row] = await db.query<{ level: string; path: string[] }>('SELECT level, path FROM units WHERE code = $1', [code]);
  return row ?? null;
}

export async function findLot(db: Queryable, id: string): Promise<LotRow | null> {
  const [row] = await db.query<LotRow>('SELECT id, product_code, lot_number, expires_on FROM vaccine_lots WHERE id = $1', [id]);
  return row ?? null;
}

export interface StockRow extends LotRow {
  unit_code: string | null;
  site_id: string | null;
  holder_name: string;
  on_hand: number;
}

/** Stock on hand per holder and lot in the scope, with holders whose stock ran out (they had movements). */
export async function stockLines(db: Queryable, scope: string | null, filter: { unitCode?: string | undefined; siteId?: string | undefined; productCode?: string | undefined }): Promise<StockRow[]> {
  return db.query<StockRow>(
    `SELECT l.id, l.product_code, l.lot_number, l.expires_on, m.unit_code, m.site_id,
       COALESCE(s.name, hu.name) AS holder_name, sum(m.doses)::int AS on_hand
     FROM vaccine_stock_movements m
     JOIN vaccine_lots l ON l.id = m.lot_id
     LEFT JOIN vaccination_sites s ON s.id = m.site_id
     JOIN units hu ON hu.code = COALESCE(m.unit_code, s.commune_code)
     WHERE ${unitInScopeSql('hu.code', 1)}
       AND ($2::text IS NULL OR $2 = ANY (hu.path))
       AND ($3::uuid IS NULL OR m.site_id = $3)
       AND ($4::text IS NULL OR l.product_code = $4)
     GROUP BY l.id, l.product_code, l.lot_number, l.expires_on, m.unit_code, m.site_id, s.name, hu.name, hu.path
     ORDER BY hu.path, m.site_id NULLS FIRST, l.expires_on, l.lot_number`,
    [scope, filter.unitCode ?? null, filter.siteId ?? null, filter.productCode ?? null],
  );
}

export interface ReconciliationRow extends LotRow {
  delivered: number;
  administered: number;
  wasted: number;
  on_hand: number;
}

/** Per lot: what shipments delivered, what dose records and wastage used, what the ledger holds. */
export async function reconciliationRows(db: Queryable, productCode: string | null): Promise<ReconciliationRow[]> {
  return db.query<ReconciliationRow>(
    `SELECT l.id, l.product_code, l.lot_number, l.expires_on,
       (SELECT COALESCE(sum(doses), 0)::int FROM vaccine_shipments x WHERE x.lot_id = l.id) AS delivered,
       (SELECT count(*)::int FROM dose_records d WHERE d.lot_id = l.id) AS administered,
       (SELECT COALESCE(sum(doses), 0)::int FROM vaccine_wastage w WHERE w.lot_id = l.id) AS wasted,
       (SELECT COALESCE(sum(doses), 0)::int FROM vaccine_stock_movements m WHERE m.lot_id = l.id) AS on_hand
     FROM vaccine_lots l WHERE ($1::text IS NULL OR l.product_code = $1)
     ORDER BY l.product_code, l.expires_on, l.lot_number`,
    [productCode],
  );
}

export interface UsageRow extends LotRow {
  session_date: string;
  administered: number;
  wasted: number;
}

/** Per session day (Vietnam) and lot at one site: doses given and doses wasted. */
export async function siteUsage(db: Queryable, siteId: string, from: string, to: string): Promise<UsageRow[]> {
  return db.query<UsageRow>(
    `WITH used AS (
       SELECT (d.administered_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS session_date, d.lot_id, count(*)::int AS administered, 0 AS wasted
       FROM dose_records d WHERE d.site_id = $1 GROUP BY 1, 2
       UNION ALL
       SELECT w.session_date, w.lot_id, 0, sum(w.doses)::int FROM vaccine_wastage w WHERE w.site_id = $1 GROUP BY 1, 2
     )
     SELECT to_char(u.session_date, 'YYYY-MM-DD') AS session_date, l.id, l.product_code, l.lot_number, l.expires_on,
       sum(u.administered)::int AS administered, sum(u.wasted)::int AS wasted
     FROM used u JOIN vaccine_lots l ON l.id = u.lot_id
     WHERE u.session_date BETWEEN $2::date AND $3::date
     GROUP BY u.session_date, l.id, l.product_code, l.lot_number, l.expires_on
     ORDER BY u.session_date, l.lot_number`,
    [siteId, from, to],
  );
}
