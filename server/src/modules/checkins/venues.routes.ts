import type { AppContext } from '../../platform/context.js';
import type { App } from '../../platform/http.js';

// Placeholder while the slice is being built.
export function venueRoutes(_app: App, _ctx: AppContext) {}
