import { Type } from 'typebox';
import { actorOf, type AppContext } from '../../platform/context.js';
import { type App, errorResponses } from '../../platform/http.js';
import { GetUnitQuery, ListUnitsQuery, PopulationPatch, Unit, UnitParams } from './schema.js';
import * as service from './service.js';

export function unitRoutes(app: App, ctx: AppContext) {
  app.get('/api/v1/units', {
    schema: {
      tags: ['units'],
      summary: 'List administrative units, optionally of one level or under one parent',
      querystring: ListUnitsQuery,
      response: { 200: Type.Object({ items: Type.Array(Unit) }), ...errorResponses(400) },
    },
  }, async (request) => ({ items: await service.listUnits(ctx.db, request.query) }));

  app.get('/api/v1/units/:code', {
    schema: {
      tags: ['units'],
      summary: 'One unit; ?geometry=1 adds its GeoJSON boundary when one was imported',
      params: UnitParams,
      querystring: GetUnitQuery,
      response: { 200: Unit, ...errorResponses(400, 404) },
    },
  }, async (request) => {
    const withGeometry = request.query.geometry === '1' || request.query.geometry === 'true';
    return service.getUnit(ctx.db, request.params.code, withGeometry);
  });

  app.patch('/api/v1/units/:code', {
    onRequest: ctx.authenticate,
    schema: {
      tags: ['units'],
      summary: 'Set the population of a unit (rates per 100,000 need it)',
      security: [{ bearer: [] }],
      params: UnitParams,
      body: PopulationPatch,
      response: { 200: Unit, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request) => service.updatePopulation(ctx.db, actorOf(request), request.params.code, request.body));
}
