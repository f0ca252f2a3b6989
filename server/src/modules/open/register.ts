import type { AppContext } from '../../platform/context.js';
import type { App } from '../../platform/http.js';

/** Registers the public map's modules: places, zones, statistics, announcements and open data. */
export function mapModuleRoutes(_app: App, _ctx: AppContext): void {
  // Filled in as each module lands.
}
