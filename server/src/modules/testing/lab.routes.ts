// Routes of testing: receiving tubes, entering and importing results, the lab API.
import type { AppContext } from '../../platform/context.js';
import type { App } from '../../platform/http.js';

export function labRoutes(_app: App, _ctx: AppContext) {
  // filled in by this slice
}
