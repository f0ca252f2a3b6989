// GET /api/v1/open/*: public, cached, with ETag/If-None-Match and an as-of time (body and X-As-Of).
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.js';
import { type App, errorResponses } from '../../platform/http.js';
import { documentCacheOf, sendDocument } from './cache.js';
import * as service from './service.js';
import { todayInVietnam } from './time.js';

const DateText = Type.String({ format: 'date', description: 'YYYY-MM-DD; today in Vietnam when left out' });

export function openDataRoutes(app: App, ctx: AppContext) {
  const cache = documentCacheOf(ctx);
  const tags = ['open data'];
  const description = 'ETag on every answer; If-None-Match answers 304 when unchanged. The as-of time is in the body and in X-As-Of.';

  app.get('/api/v1/open/places.geojson', {
    schema: { tags, description, summary: 'Every place as a GeoJSON FeatureCollection (Points)', response: errorResponses(400) },
  }, async (request, reply) => sendDocument(request, reply, await cache.get('places', 'all', () => service.placesGeojson(ctx.db)), 'places.geojson'));

  app.get('/api/v1/open/zones.geojson', {
    schema: { tags, description, summary: 'Zones active on a date as a GeoJSON FeatureCollection (MultiPolygons)', querystring: Type.Object({ date: Type.Optional(DateText) }), response: errorResponses(400) },
  }, async (request, reply) => {
    const { date } = request.query;
    return sendDocument(request, reply, await cache.get('zones', date ?? todayInVietnam(), () => service.zonesGeojson(ctx.db, date)), 'zones.geojson');
  });

  app.get('/api/v1/open/levels.geojson', {
    schema: {
      tags, description, response: errorResponses(400),
      summary: 'Units with the epidemic level in force: MultiPolygon boundaries, or null geometry with approximateAreaOf when none was imported; provinceBbox is the province\'s area (provinceBboxFrom: boundaries or configuration)',
      querystring: Type.Object({ date: Type.Optional(DateText), level: Type.Optional(Type.Enum(['district', 'commune'] as const)) }),
    },
  }, async (request, reply) => {
    const { date, level } = request.query;
    return sendDocument(request, reply, await cache.get('levels', `${date ?? todayInVietnam()}/${level ?? 'all'}`, () => service.levelsGeojson(ctx.db, date, level, ctx.config.provinceBbox)), 'levels.geojson');
  });

  app.get('/api/v1/open/stats.csv', {
    schema: { tags, description, summary: 'Daily statistics of every unit as CSV (the same figures as /api/v1/stats)', querystring: Type.Object({ from: Type.Optional(DateText), to: Type.Optional(DateText) }), response: errorResponses(400) },
  }, async (request, reply) => {
    const { from, to } = request.query;
    return sendDocument(request, reply, await cache.get('stats', `${from ?? ''}/${to ?? ''}`, () => service.statsCsv(ctx.db, from, to)), 'stats.csv');
  });
}
