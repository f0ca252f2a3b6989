// Every route of QR check-in: venues and their codes, check-ins, posters and cards, health declarations.
import type { AppContext } from '../../platform/context.js';
import type { App } from '../../platform/http.js';
import { declarationRoutes } from '../declarations/routes.js';
import { posterRoutes } from './posters.routes.js';
import { checkinRoutes } from './routes.js';
import { selfCheckinRoutes } from './self.routes.js';
import { venueRoutes } from './venues.routes.js';

export function checkinModuleRoutes(app: App, ctx: AppContext) {
  for (const register of [venueRoutes, checkinRoutes, selfCheckinRoutes, posterRoutes, declarationRoutes]) register(app, ctx);
}
