import { Type } from 'typebox';
import { actorOf, type AppContext } from '../../platform/context.js';
import { type App, errorResponses } from '../../platform/http.js';
import { pageOf } from '../../platform/pagination.js';
import { publishChange } from '../open/changes.js';
import { importPlacesCsv } from './import.js';
import { nearby } from './nearby.js';
import { ClosePlaceBody, CreatePlaceBody, ImportResult, ListPlacesQuery, NearbyQuery, NearbyResult, Place, PlaceParams, UpdatePlaceBody } from './schema.js';
import * as service from './service.js';

export function placeRoutes(app: App, ctx: AppContext) {
  const tags = ['places'];
  const secured = { onRequest: ctx.authenticate };
  const security = [{ bearer: [] }];
  const changed = (action: string, ids: string[]) => publishChange(ctx, 'places.changed', { action, ids });
  const { provinceBbox } = ctx.config;

  // Public.
  app.get('/api/v1/places', {
    schema: { tags, summary: 'Places on the map, filtered by kind, bounding box, status, unit or name', querystring: ListPlacesQuery, response: { 200: pageOf(Place), ...errorResponses(400) } },
  }, async (request) => service.listPlaces(ctx.db, request.query));

  app.get('/api/v1/places/nearby', {
    schema: {
      tags, querystring: NearbyQuery, response: { 200: NearbyResult, ...errorResponses(400) },
      summary: 'Around a point: nearest testing and vaccination sites with distances, active zones covering it, the level of its commune',
    },
  }, async (request) => nearby(ctx.db, request.query, provinceBbox));

  app.get('/api/v1/places/:id', {
    schema: { tags, summary: 'One place', params: PlaceParams, response: { 200: Place, ...errorResponses(400, 404) } },
  }, async (request) => service.getPlace(ctx.db, request.params.id));

  // Staff.
  app.post('/api/v1/places', {
    ...secured,
    schema: { tags, security, summary: 'Create a place (its commune in your scope, its position inside the province)', body: CreatePlaceBody, response: { 201: Place, ...errorResponses(400, 401, 403) } },
  }, async (request, reply) => {
    const place = await service.createPlace(ctx.db, actorOf(request), request.body, provinceBbox);
    changed('created', [place.id]);
    return reply.status(201).send(place);
  });

  app.patch('/api/v1/places/:id', {
    ...secured,
    schema: { tags, security, summary: 'Edit a place', params: PlaceParams, body: UpdatePlaceBody, response: { 200: Place, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => {
    const place = await service.updatePlace(ctx.db, actorOf(request), request.params.id, request.body, provinceBbox);
    changed('updated', [place.id]);
    return place;
  });

  app.post('/api/v1/places/:id/close', {
    ...secured,
    schema: { tags, security, summary: 'Close a place (it stays listed with status closed)', params: PlaceParams, body: ClosePlaceBody, response: { 200: Place, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => {
    const place = await service.closePlace(ctx.db, actorOf(request), request.params.id, request.body.reason);
    changed('closed', [place.id]);
    return place;
  });

  app.post('/api/v1/places/import', {
    ...secured,
    schema: {
      tags, security, consumes: ['text/csv'],
      summary: 'Import places from CSV (header: code,kind,name,address,commune_code,lat,lon,opening_hours,phone,capacity,status,valid_from,valid_to,notes); all rows or none',
      body: Type.String({ description: 'the CSV text (Content-Type: text/csv)' }),
      response: { 200: ImportResult, ...errorResponses(400, 401, 403) },
    },
  }, async (request) => {
    const result = await importPlacesCsv(ctx.db, actorOf(request), request.body, provinceBbox);
    changed('imported', result.ids);
    return result;
  });
}
