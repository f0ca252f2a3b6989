import { Type } from 'typebox';
import { actorOf, type AppContext } from '../../platform/context.js';
import { type App, errorResponses } from '../../platform/http.js';
import { pageOf } from '../../platform/pagination.js';
import { CreateVenueBody, ListVenuesQuery, PublicVenue, UpdateVenueBody, Venue, VenueCodeParams, VenueParams } from './schema.js';
import { CSV_COLUMNS, ImportJob, getImportJob, startVenueImport } from './venues.import.js';
import * as venues from './venues.js';

export function venueRoutes(app: App, ctx: AppContext) {
  const tags = ['venues'];
  const secured = { onRequest: ctx.authenticate };
  const security = [{ bearer: [] }];
  const publicUrl = ctx.config.publicUrl;

  // Public: what a phone shows after scanning a poster.
  app.get('/api/v1/venues/by-code/:code', {
    schema: { tags, summary: 'The venue a scanned QR code stands for (public facts only); forged or revoked codes answer 400', params: VenueCodeParams, response: { 200: PublicVenue, ...errorResponses(400) } },
  }, async (request) => venues.publicVenueOfCode(ctx.db, request.params.code));

  app.post('/api/v1/venues', {
    ...secured,
    schema: { tags, security, summary: 'Register a venue; the answer carries the URL its QR code encodes', body: CreateVenueBody, response: { 201: Venue, ...errorResponses(400, 401, 403) } },
  }, async (request, reply) => {
    return reply.status(201).send(await venues.createVenue(ctx.db, actorOf(request), publicUrl, request.body, ctx.config.provinceBbox));
  });

  app.get('/api/v1/venues', {
    ...secured,
    schema: { tags, security, summary: 'Venues in your scope, by name, kind, unit or status', querystring: ListVenuesQuery, response: { 200: pageOf(Venue), ...errorResponses(400, 401) } },
  }, async (request) => venues.listVenues(ctx.db, actorOf(request), publicUrl, request.query));

  app.post('/api/v1/venues/import', {
    ...secured,
    // A province's whole list (11,540 venues, about 1.5 MB) in one file.
    bodyLimit: 16 * 1024 * 1024,
    schema: {
      tags, security, consumes: ['text/csv'],
      summary: `Import venues from CSV (header: ${CSV_COLUMNS.join(',')}); a row with a known code updates that venue. Answers 202 with a job to follow; with ?wait=true, answers when the job ends. All rows or none.`,
      querystring: Type.Object({ wait: Type.Optional(Type.Boolean()) }),
      body: Type.String({ description: 'the CSV text (Content-Type: text/csv)' }),
      response: { 200: ImportJob, 202: ImportJob, ...errorResponses(400, 401, 403) },
    },
  }, async (request, reply) => {
    const { job, done } = await startVenueImport(ctx.db, actorOf(request), request.body, ctx.config.provinceBbox);
    if (request.query.wait) return reply.status(200).send(await done);
    return reply.status(202).send(job);
  });

  app.get('/api/v1/venues/import/:id', {
    ...secured,
    schema: { tags, security, summary: 'Progress of a venue import you started', params: VenueParams, response: { 200: ImportJob, ...errorResponses(400, 401, 404) } },
  }, async (request) => getImportJob(ctx.db, actorOf(request), request.params.id));

  app.get('/api/v1/venues/:id', {
    ...secured,
    schema: { tags, security, summary: 'One venue', params: VenueParams, response: { 200: Venue, ...errorResponses(400, 401, 404) } },
  }, async (request) => venues.getVenue(ctx.db, actorOf(request), publicUrl, request.params.id));

  app.patch('/api/v1/venues/:id', {
    ...secured,
    schema: { tags, security, summary: 'Edit a venue (status "closed" closes it)', params: VenueParams, body: UpdateVenueBody, response: { 200: Venue, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => venues.updateVenue(ctx.db, actorOf(request), publicUrl, request.params.id, request.body, ctx.config.provinceBbox));

  app.post('/api/v1/venues/:id/reissue-code', {
    ...secured,
    schema: {
      tags, security, summary: 'Revoke every printed QR code of the venue and issue a new one', params: VenueParams,
      body: Type.Object({ reason: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false }),
      response: { 200: Venue, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request) => venues.reissueCode(ctx.db, actorOf(request), publicUrl, request.params.id, request.body.reason));
}
