import type { AppContext } from '../../platform/context.js';
import type { App } from '../../platform/http.js';

export function scheduleRoutes(app: App, ctx: AppContext): void {
  void app;
  void ctx;
}
