import { Type } from 'typebox';
import { actorOf, type AppContext } from '../../platform/context.js';
import { type App, errorResponses } from '../../platform/http.js';
import { documentCacheOf, sendDocument } from '../open/cache.js';
import { publishChange } from '../open/changes.js';
import { DailyQuery, DailyStats, ListFiguresQuery, SaveFiguresBody, SaveFiguresResult, StatsRangeQuery, StoredFigure, UnitSeries, UnitStatsParams } from './schema.js';
import * as service from './service.js';

async function asDocument(value: Promise<unknown>) {
  return { body: JSON.stringify(await value), contentType: 'application/json; charset=utf-8', asOf: new Date().toISOString() };
}

export function statsRoutes(app: App, ctx: AppContext) {
  const tags = ['stats'];
  const secured = { onRequest: ctx.authenticate };
  const security = [{ bearer: [] }];
  // Public figures are computed from every unit's history: answered from the open-data cache,
  // which drops them on stats.changed and units.changed.
  const cache = documentCacheOf(ctx);
  const changed = (result: { units: string[]; dates: string[] }) => publishChange(ctx, 'stats.changed', { action: 'saved', units: result.units, dates: result.dates });

  app.get('/api/v1/stats/daily', {
    schema: { tags, summary: 'Every unit\'s figures on a date (the latest date with figures when left out)', querystring: DailyQuery, response: { 200: DailyStats, ...errorResponses(400) } },
  }, async (request, reply) => {
    const { date, level } = request.query;
    return sendDocument(request, reply, await cache.get('stats', `daily/${date ?? 'latest'}/${level ?? 'all'}`, () => asDocument(service.dailyStats(ctx.db, request.query))), 'daily.json');
  });

  app.get('/api/v1/stats/units/:code', {
    schema: { tags, summary: 'One unit\'s figures per day: daily, cumulative, 7-day sums and rates per 100,000', params: UnitStatsParams, querystring: StatsRangeQuery, response: { 200: UnitSeries, ...errorResponses(400, 404) } },
  }, async (request, reply) => {
    const { from, to } = request.query;
    const key = `unit/${request.params.code}/${from ?? ''}/${to ?? ''}`;
    return sendDocument(request, reply, await cache.get('stats', key, () => asDocument(service.unitSeries(ctx.db, request.params.code, request.query))), 'series.json');
  });

  app.get('/api/v1/stats/figures', {
    ...secured,
    schema: { tags, security, summary: 'The official figures entered for units in your scope', querystring: ListFiguresQuery, response: { 200: Type.Object({ items: Type.Array(StoredFigure) }), ...errorResponses(400, 401, 403) } },
  }, async (request) => service.listFigures(ctx.db, actorOf(request), request.query));

  app.put('/api/v1/stats/figures', {
    ...secured,
    schema: { tags, security, summary: 'Enter official figures for units and days (each unit and day replaced whole); all or none', body: SaveFiguresBody, response: { 200: SaveFiguresResult, ...errorResponses(400, 401, 403) } },
  }, async (request) => {
    const result = await service.saveFigures(ctx.db, actorOf(request), request.body.items);
    changed(result);
    return result;
  });

  app.post('/api/v1/stats/figures/import', {
    ...secured,
    schema: {
      tags, security, consumes: ['text/csv'],
      summary: 'Import official figures from CSV (unit_code,date,confirmed_community,…,source,as_of); all rows or none',
      body: Type.String({ description: 'the CSV text (Content-Type: text/csv)' }),
      response: { 200: SaveFiguresResult, ...errorResponses(400, 401, 403) },
    },
  }, async (request) => {
    const result = await service.importFiguresCsv(ctx.db, actorOf(request), request.body);
    changed(result);
    return result;
  });
}
