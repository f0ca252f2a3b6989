// Every route of testing (issue #7). Each slice registers its own routes: collection (sessions,
// samples, tubes, labels), the laboratory (receiving, results, imports), what results mean for
// people (look-up, retests, case proposals) and rounds.
import type { AppContext } from '../../platform/context.js';
import type { App } from '../../platform/http.js';
import { collectionRoutes } from './collection.routes.js';
import { labRoutes } from './lab.routes.js';
import { resultRoutes } from './results.routes.js';
import { roundRoutes } from './rounds.routes.js';

export function testingRoutes(app: App, ctx: AppContext) {
  for (const register of [collectionRoutes, labRoutes, resultRoutes, roundRoutes]) register(app, ctx);
}
