// The vaccine catalogue: configuration data in products.json, checked at start and written into
// vaccine_products when the app is ready (so lots and doses can refer to products in SQL).
import fs from 'node:fs';
import { Value } from 'typebox/value';
import type { Queryable } from '../../db/database.js';
import { CatalogueFile, type Product } from './catalogue.schema.js';

/** Problems a schema cannot see: interval counts, references to unknown products. */
export function catalogueProblems(file: CatalogueFile): string[] {
  const problems: string[] = [];
  const codes = new Set(file.products.map((product) => product.code));
  if (codes.size !== file.products.length) problems.push('product codes must be unique');
  for (const product of file.products) {
    if (product.minIntervalDays.length !== product.primaryDoses - 1) {
      problems.push(`${product.code}: minIntervalDays needs ${product.primaryDoses - 1} value(s), one per dose after the first`);
    }
    for (const code of [...product.boosterProducts, ...product.completesSeriesOf]) {
      if (!codes.has(code)) problems.push(`${product.code}: ${code} is not in the catalogue`);
    }
  }
  return problems;
}

export function parseCatalogue(doc: unknown): Product[] {
  if (!Value.Check(CatalogueFile, doc)) {
    throw new Error(`products.json does not match the catalogue schema: ${[...Value.Errors(CatalogueFile, doc)].map((e) => `${e.instancePath} ${e.message}`).join('; ')}`);
  }
  const problems = catalogueProblems(doc);
  if (problems.length > 0) throw new Error(`products.json: ${problems.join('; ')}`);
  return doc.products;
}

/** A broken file stops the start rather than letting wrong intervals through. */
export const CATALOGUE: readonly Product[] = parseCatalogue(JSON.parse(fs.readFileSync(new URL('./products.json', import.meta.url), 'utf8')));

export type Catalogue = ReadonlyMap<string, Product>;
export const catalogueByCode = (products: readonly Product[]): Catalogue => new Map(products.map((product) => [product.code, product]));

/** Writes the catalogue into vaccine_products; products no longer in the file stay (lots refer to them). */
export async function syncCatalogue(db: Queryable, products: readonly Product[]): Promise<void> {
  for (const p of products) {
    await db.query(
      `INSERT INTO vaccine_products (code, name, manufacturer, primary_doses, min_interval_days, booster_min_days, booster_products,
         completes_series_of, doses_per_vial, storage, opened_vial_hours, source, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, now())
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, manufacturer = EXCLUDED.manufacturer, primary_doses = EXCLUDED.primary_doses,
         min_interval_days = EXCLUDED.min_interval_days, booster_min_days = EXCLUDED.booster_min_days, booster_products = EXCLUDED.booster_products,
         completes_series_of = EXCLUDED.completes_series_of, doses_per_vial = EXCLUDED.doses_per_vial, storage = EXCLUDED.storage,
         opened_vial_hours = EXCLUDED.opened_vial_hours, source = EXCLUDED.source, updated_at = now()`,
      [p.code, p.name, p.manufacturer, p.primaryDoses, p.minIntervalDays, p.boosterMinDays, p.boosterProducts, p.completesSeriesOf,
        p.dosesPerVial, p.storage, p.openedVialHours, p.source],
    );
  }
}
