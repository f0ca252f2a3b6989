import type { AppContext } from '../../platform/context.js';
import type { App } from '../../platform/http.js';

export function exportRoutes(app: App, ctx: AppContext): void {
  void app;
  void ctx;
}
