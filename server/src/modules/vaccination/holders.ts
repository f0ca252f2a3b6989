// A stock holder named in a request (a store by unitCode, a site by siteId), checked and resolved.
import type { Queryable } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';
import { invalidField } from '../../platform/errors.js';
import { findSiteInScope, findUnitPath, type HolderRef } from './stock.repository.js';
import type { Holder } from './stock.schema.js';

export interface ResolvedHolder {
  ref: HolderRef;
  /** units from the province down to the store's unit or the site's commune */
  path: string[];
  /** the unit whose staff hold it: the store's unit, the site's commune */
  unitCode: string;
}

/**
 * The holder, if it exists and lies in the actor's scope (`inScope`), or within the province
 * otherwise; a refusal naming `field` (e.g. `from.siteId`) otherwise.
 */
export async function resolveHolder(db: Queryable, actor: Actor, holder: Holder, field: string, inScope: boolean): Promise<ResolvedHolder> {
  if ((holder.unitCode === undefined) === (holder.siteId === undefined)) throw invalidField(field, 'give exactly one of unitCode (a store) or siteId (a site)');
  if (holder.siteId !== undefined) {
    const site = await findSiteInScope(db, holder.siteId, inScope ? actor.unitCode : null);
    if (!site) throw invalidField(`${field}.siteId`, inScope ? 'no such vaccination site in your area' : 'no such vaccination site');
    if (!site.active) throw invalidField(`${field}.siteId`, 'the site is closed');
    return { ref: { siteId: site.id }, path: site.path, unitCode: site.commune_code };
  }
  const unit = await findUnitPath(db, holder.unitCode!);
  if (!unit) throw invalidField(`${field}.unitCode`, `unknown unit code ${holder.unitCode}`);
  if (inScope && actor.unitCode !== null && !unit.path.includes(actor.unitCode)) throw invalidField(`${field}.unitCode`, 'is outside your scope');
  return { ref: { unitCode: holder.unitCode! }, path: unit.path, unitCode: holder.unitCode! };
}

export const holderOut = (ref: HolderRef): Holder => (ref.siteId !== undefined ? { siteId: ref.siteId } : { unitCode: ref.unitCode });

/** Down the tree: from a store to a store or site below it. */
export function isAllocation(from: ResolvedHolder, to: ResolvedHolder): boolean {
  if (from.ref.unitCode === undefined) return false;
  return to.path.includes(from.ref.unitCode) && (to.ref.siteId !== undefined || to.ref.unitCode !== from.ref.unitCode);
}
