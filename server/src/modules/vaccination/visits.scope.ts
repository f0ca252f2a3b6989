// Whether a vaccination site lies in the actor's scope: visits, screenings and observations are
// reached through their site, and a site out of scope is "not found".
import type { Queryable } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';
import { findSiteInScope } from './stock.repository.js';

export async function siteInScope(db: Queryable, siteId: string, actor: Actor): Promise<boolean> {
  return (await findSiteInScope(db, siteId, actor.unitCode)) !== null;
}
