import { actorOf, type AppContext } from '../../platform/context.js';
import { type App, errorResponses } from '../../platform/http.js';
import { pageOf } from '../../platform/pagination.js';
import { chainRoutes } from './chains.routes.js';
import { contactRoutes } from './contacts.routes.js';
import { caseExposures } from './exposures.js';
import { noticeRoutes } from './notices.routes.js';
import { Case, CaseParams, CreateCaseBody, ExposuresQuery, ExposuresResult, ListCasesQuery, ReadCaseQuery, UpdateCaseBody } from './schema.js';
import * as service from './service.js';

export function caseRoutes(app: App, ctx: AppContext) {
  const tags = ['cases'];
  const secured = { onRequest: ctx.authenticate };
  const security = [{ bearer: [] }];

  app.post('/api/v1/cases', {
    ...secured,
    schema: {
      tags, security, body: CreateCaseBody,
      summary: 'Record a case; the infectious window defaults to 2 days before onset (or confirmation) until isolation (or confirmation)',
      response: { 201: Case, ...errorResponses(400, 401, 403, 409) },
    },
  }, async (request, reply) => reply.status(201).send(await service.createCase(ctx.db, actorOf(request), request.body)));

  app.get('/api/v1/cases', {
    ...secured,
    schema: { tags, security, querystring: ListCasesQuery, summary: 'Cases in your scope, latest first', response: { 200: pageOf(Case), ...errorResponses(400, 401, 403) } },
  }, async (request) => service.listCases(ctx.db, actorOf(request), request.query));

  app.get('/api/v1/cases/:id', {
    ...secured,
    schema: {
      tags, security, params: CaseParams, querystring: ReadCaseQuery,
      summary: 'One case; the read is audited with its reason', response: { 200: Case, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request) => service.getCase(ctx.db, actorOf(request), request.params.id, request.query.reason));

  app.patch('/api/v1/cases/:id', {
    ...secured,
    schema: {
      tags, security, params: CaseParams, body: UpdateCaseBody,
      summary: 'Close a case (recovered or deceased, with the date), confirm a suspected one, or correct its times',
      response: { 200: Case, ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request) => service.updateCase(ctx.db, actorOf(request), request.params.id, request.body));

  app.get('/api/v1/cases/:id/exposures', {
    ...secured,
    schema: {
      tags, security, params: CaseParams, querystring: ExposuresQuery,
      summary: 'Place-and-time tracing: everyone whose visit overlapped one of the case\'s visits in its infectious window, per person and venue; audited with the reason and the count',
      response: { 200: ExposuresResult, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request) => caseExposures(ctx.db, actorOf(request), request.params.id, request.query));

  // the second slice of issue #6: contacts (F1, F2) and public exposure notices
  contactRoutes(app, ctx);
  noticeRoutes(app, ctx);
  chainRoutes(app, ctx);
}
