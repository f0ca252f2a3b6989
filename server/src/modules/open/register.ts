import type { AppContext } from '../../platform/context.js';
import type { App } from '../../platform/http.js';
import { announcementRoutes } from '../announcements/routes.js';
import { MAX_ATTACHMENT_BYTES } from '../announcements/service.js';
import { placeRoutes } from '../places/routes.js';
import { openDataRoutes } from './routes.js';
import { statsRoutes } from '../stats/routes.js';
import { zoneRoutes } from '../zones/routes.js';

/** Text bodies these modules accept besides JSON: CSV imports and PDF attachments. */
function addBodyParsers(app: App) {
  if (!app.hasContentTypeParser('text/csv')) {
    app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  }
  if (!app.hasContentTypeParser('application/pdf')) {
    app.addContentTypeParser('application/pdf', { parseAs: 'buffer', bodyLimit: MAX_ATTACHMENT_BYTES + 1024 }, (_request, body, done) => done(null, body));
  }
}

/** Registers the public map's modules: places, zones, statistics, announcements and open data. */
export function mapModuleRoutes(app: App, ctx: AppContext): void {
  addBodyParsers(app);
  placeRoutes(app, ctx);
  zoneRoutes(app, ctx);
  statsRoutes(app, ctx);
  announcementRoutes(app, ctx);
  openDataRoutes(app, ctx);
}
