// Routes of testing: sessions, samples, tubes and label sheets.
import type { AppContext } from '../../platform/context.js';
import type { App } from '../../platform/http.js';

export function collectionRoutes(_app: App, _ctx: AppContext) {
  // filled in by this slice
}
