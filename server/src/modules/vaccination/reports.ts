// Reading the stock: on hand per holder and lot with warnings, and the reconciliation of every lot
// ("administered doses never exceed what a lot delivered": any gap is shown, not hidden).
import type { Database } from '../../db/database.js';
import { type Actor, requirePermission } from '../../platform/actor.js';
import { addDays, todayInVietnam } from '../open/time.js';
import { VACCINATION_STOCK } from './permissions.js';
import * as repo from './stock.repository.js';
import { requireVaccinationReader } from './stock.js';
import { invalidField, notFound } from '../../platform/errors.js';
import type { Reconciliation, SiteUsage, StockQuery, StockReport, StockWarning, UsageQuery } from './stock.schema.js';

export function stockWarnings(onHand: number, expiresOn: string, today: string, expiringWithinDays: number, lowBelowDoses: number): StockWarning[] {
  const warnings: StockWarning[] = [];
  if (onHand > 0 && expiresOn < today) warnings.push('expired');
  else if (onHand > 0 && expiresOn <= addDays(today, expiringWithinDays)) warnings.push('expiring');
  if (onHand <= 0) warnings.push('stock_out');
  else if (onHand < lowBelowDoses) warnings.push('low');
  return warnings;
}

export async function stockOnHand(db: Database, actor: Actor, query: StockQuery): Promise<StockReport> {
  requireVaccinationReader(actor);
  const today = todayInVietnam();
  const rows = await repo.stockLines(db, actor.unitCode, query);
  return {
    asOf: new Date().toISOString(),
    items: rows.map((row) => ({
      holder: { unitCode: row.unit_code, siteId: row.site_id, name: row.holder_name },
      lot: repo.presentLot(row),
      onHand: row.on_hand,
      warnings: stockWarnings(row.on_hand, row.expires_on, today, query.expiringWithinDays ?? 30, query.lowBelowDoses ?? 20),
    })),
  };
}

/** Lots are the province's: the figures are whole-lot figures, for those who manage the stock. */
export async function reconciliation(db: Database, actor: Actor, productCode: string | undefined): Promise<Reconciliation> {
  requirePermission(actor, VACCINATION_STOCK);
  const items = (await repo.reconciliationRows(db, productCode ?? null)).map((row) => ({
    lot: repo.presentLot(row),
    delivered: row.delivered,
    administered: row.administered,
    wasted: row.wasted,
    onHand: row.on_hand,
    gap: row.delivered - row.administered - row.wasted - row.on_hand,
    overAdministered: row.administered > row.delivered,
  }));
  return { items, balanced: items.every((item) => item.gap === 0 && !item.overAdministered) };
}

/** Doses used and wasted at a site per session day and lot (at most a year at a time). */
export async function siteUsage(db: Database, actor: Actor, siteId: string, query: UsageQuery): Promise<SiteUsage> {
  requireVaccinationReader(actor);
  if (query.to < query.from) throw invalidField('to', 'must not be before from');
  if (query.to > addDays(query.from, 366)) throw invalidField('to', 'is more than a year after from');
  if (!(await repo.findSiteInScope(db, siteId, actor.unitCode))) throw notFound('vaccination site');
  const rows = await repo.siteUsage(db, siteId, query.from, query.to);
  return { siteId, items: rows.map((row) => ({ sessionDate: row.session_date, lot: repo.presentLot(row), administered: row.administered, wasted: row.wasted })) };
}
