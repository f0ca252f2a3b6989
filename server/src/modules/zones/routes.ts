import { actorOf, type AppContext } from '../../platform/context.js';
import { type App, errorResponses } from '../../platform/http.js';
import { publishChange } from '../open/changes.js';
import { CreateZoneBody, ImportZonesBody, ImportZonesResult, ListZonesQuery, UpdateZoneBody, Zone, ZoneList, ZoneParams } from './schema.js';
import * as service from './service.js';

export function zoneRoutes(app: App, ctx: AppContext) {
  const tags = ['zones'];
  const secured = { onRequest: ctx.authenticate };
  const security = [{ bearer: [] }];
  const changed = (action: string, ids: string[]) => publishChange(ctx, 'zones.changed', { action, ids });
  const { provinceBbox } = ctx.config;

  app.get('/api/v1/zones', {
    schema: { tags, summary: 'Zones active on a date (today in Vietnam when left out), or every zone with ?all=true', querystring: ListZonesQuery, response: { 200: ZoneList, ...errorResponses(400) } },
  }, async (request) => service.listZones(ctx.db, request.query));

  app.get('/api/v1/zones/:id', {
    schema: { tags, summary: 'One zone with its polygon and decision', params: ZoneParams, response: { 200: Zone, ...errorResponses(400, 404) } },
  }, async (request) => service.getZone(ctx.db, request.params.id));

  app.post('/api/v1/zones', {
    ...secured,
    schema: { tags, security, summary: 'Create a zone from a drawn GeoJSON Polygon/MultiPolygon (validated by PostGIS)', body: CreateZoneBody, response: { 201: Zone, ...errorResponses(400, 401, 403) } },
  }, async (request, reply) => {
    const zone = await service.createZone(ctx.db, actorOf(request), request.body, provinceBbox);
    changed('created', [zone.id]);
    return reply.status(201).send(zone);
  });

  app.patch('/api/v1/zones/:id', {
    ...secured,
    schema: { tags, security, summary: 'Edit a zone: its area, dates, decision; status lifted or cancelled ends it', params: ZoneParams, body: UpdateZoneBody, response: { 200: Zone, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => {
    const zone = await service.updateZone(ctx.db, actorOf(request), request.params.id, request.body, provinceBbox);
    changed('updated', [zone.id]);
    return zone;
  });

  app.post('/api/v1/zones/import', {
    ...secured,
    schema: { tags, security, summary: 'Import zones from a GeoJSON FeatureCollection; all features or none', body: ImportZonesBody, response: { 200: ImportZonesResult, ...errorResponses(400, 401, 403) } },
  }, async (request) => {
    const result = await service.importZones(ctx.db, actorOf(request), request.body, provinceBbox);
    changed('imported', result.ids);
    return result;
  });
}
