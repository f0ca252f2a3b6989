// Routes of testing: testing rounds, their coverage and reminders, the proposed pool size.
import type { AppContext } from '../../platform/context.js';
import type { App } from '../../platform/http.js';

export function roundRoutes(_app: App, _ctx: AppContext) {
  // filled in by this slice
}
