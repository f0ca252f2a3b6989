// Routes of testing: people's results, the public look-up, retests and case proposals.
import type { AppContext } from '../../platform/context.js';
import type { App } from '../../platform/http.js';

export function resultRoutes(_app: App, _ctx: AppContext) {
  // filled in by this slice
}
