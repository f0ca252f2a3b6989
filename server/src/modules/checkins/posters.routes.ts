// Printable PDFs: venue posters (staff) and personal QR cards (staff, or the citizen with their code).
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { CITIZEN_ACTOR } from '../../platform/actor.js';
import { actorOf, type AppContext } from '../../platform/context.js';
import { type App, errorResponses } from '../../platform/http.js';
import { citizenCard, staffPersonCard } from './card.js';
import { communePosters, type PdfFile, venuePoster } from './posters.js';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const CommunePostersQuery = Type.Object({
  communeCode: Type.String({ pattern: '^[0-9]{5}$', description: 'GSO code of the commune: a page for each of its active venues' }),
});
const CardQuery = Type.Object({
  reason: Type.String({ minLength: 3, maxLength: 500, description: 'why you print this person\'s card: written to the audit log' }),
});
const PersonalCodeParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 200, description: 'the personal code from the citizen\'s phone' }) });

/** The 200 response in the OpenAPI document: a PDF file, not JSON. */
const pdfResponse = (description: string) => ({
  200: { description, content: { 'application/pdf': { schema: Type.String({ format: 'binary' }) } } },
});

function sendPdf(reply: FastifyReply, file: PdfFile) {
  // Personal or per-venue documents: never kept by a shared cache.
  return reply.type('application/pdf').header('content-disposition', `inline; filename="${file.filename}"`)
    .header('cache-control', 'private, no-store').header('x-content-type-options', 'nosniff').send(file.content);
}

export function posterRoutes(app: App, ctx: AppContext) {
  const secured = { onRequest: ctx.authenticate };
  const security = [{ bearer: [] }];

  app.get('/api/v1/venues/:id/poster.pdf', {
    ...secured,
    schema: {
      tags: ['venues'], security, params: IdParams,
      summary: 'A4 poster of one active venue: its QR code, name, address and instructions in Vietnamese (PDF)',
      response: { ...pdfResponse('the poster'), ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request, reply) => sendPdf(reply, await venuePoster(ctx.db, ctx.config, actorOf(request), request.params.id)));

  app.get('/api/v1/venues/posters.pdf', {
    ...secured,
    schema: {
      tags: ['venues'], security, querystring: CommunePostersQuery,
      summary: 'A4 posters of every active venue of a commune in your scope, one page each (PDF)',
      response: { ...pdfResponse('the posters'), ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request, reply) => sendPdf(reply, await communePosters(ctx.db, ctx.config, actorOf(request), request.query.communeCode)));

  app.get('/api/v1/people/:id/card.pdf', {
    ...secured,
    schema: {
      tags: ['people'], security, params: IdParams, querystring: CardQuery,
      summary: 'Printable personal QR card of a person in your scope (PDF); the read is audited with its reason',
      response: { ...pdfResponse('the card, on an A4 page to cut out'), ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request, reply) => sendPdf(reply, await staffPersonCard(ctx.db, ctx.config, actorOf(request), request.params.id, request.query.reason)));

  app.get('/api/v1/personal-codes/:code/card.pdf', {
    schema: {
      tags: ['checkins'], params: PersonalCodeParams,
      summary: 'A citizen prints their own personal QR card from the code their phone holds (PDF; no sign-in)',
      response: { ...pdfResponse('the card, on an A4 page to cut out'), ...errorResponses(400) },
    },
  }, async (request, reply) => sendPdf(reply, await citizenCard(ctx.db, ctx.config, request.params.code, { ...CITIZEN_ACTOR, requestId: request.id })));
}
