import { actorOf, type AppContext } from '../../platform/context.js';
import { type App, errorResponses } from '../../platform/http.js';
import { personSubject, publicLimits } from '../../platform/rateLimit.js';
import { pageOf } from '../../platform/pagination.js';
import { getRules, replaceRules } from './rules.js';
import {
  CodeParams, CreateDeclarationBody, Declaration, DeclarationReceipt, ListDeclarationsQuery, PutRulesBody, RulesView, ScanQuery, Summary, SummaryQuery,
} from './schema.js';
import * as service from './service.js';

export function declarationRoutes(app: App, ctx: AppContext) {
  const tags = ['declarations'];
  const secured = { onRequest: ctx.authenticate };
  const security = [{ bearer: [] }];

  // Public: a citizen declares from their phone, without an account.
  app.post('/api/v1/declarations', {
    preHandler: publicLimits(app, { group: 'declaration', perSubject: 20, subjectOf: (request) => personSubject(request.body) }),
    schema: {
      tags, body: CreateDeclarationBody, response: { 200: DeclarationReceipt, 201: DeclarationReceipt, ...errorResponses(400, 409, 429) },
      summary: 'Make a health declaration (no sign-in): answers, triage flag and a QR to show at the checkpoint; the same id again returns the stored one (200)',
    },
  }, async (request, reply) => {
    const receipt = await service.createDeclaration(ctx.db, request.body, request.id);
    return reply.status(receipt.repeat ? 200 : 201).send(receipt);
  });

  // Staff.
  app.get('/api/v1/declarations', {
    ...secured,
    schema: {
      tags, security, querystring: ListDeclarationsQuery, response: { 200: pageOf(Declaration), ...errorResponses(400, 401, 403) },
      summary: 'Declarations made or presented at checkpoints in your scope, by checkpoint, day and flag (red first); audited with the reason',
    },
  }, async (request) => service.listDeclarations(ctx.db, actorOf(request), request.query));

  app.get('/api/v1/declarations/summary', {
    ...secured,
    schema: {
      tags, security, querystring: SummaryQuery, response: { 200: Summary, ...errorResponses(400, 401, 403) },
      summary: 'Counts per checkpoint and day: total, by flag, in and out of the province',
    },
  }, async (request) => service.declarationSummary(ctx.db, actorOf(request), request.query));

  app.get('/api/v1/declarations/by-code/:code', {
    ...secured,
    schema: {
      tags, security, params: CodeParams, querystring: ScanQuery, response: { 200: Declaration, ...errorResponses(400, 401, 403, 404) },
      summary: 'The declaration behind a scanned QR, with the person\'s details (audited); with venueId, marks it presented at that checkpoint',
    },
  }, async (request) => service.scanDeclaration(ctx.db, actorOf(request), request.params.code, request.query.venueId));

  app.get('/api/v1/declarations/rules', {
    ...secured,
    schema: { tags, security, summary: 'The triage rules in force', response: { 200: RulesView, ...errorResponses(401, 403) } },
  }, async (request) => getRules(ctx.db, actorOf(request)));

  app.put('/api/v1/declarations/rules', {
    ...secured,
    schema: {
      tags, security, body: PutRulesBody, response: { 200: RulesView, ...errorResponses(400, 401, 403) },
      summary: 'Replace the triage rules (health officers and administrators; audited); new declarations are flagged by them',
    },
  }, async (request) => replaceRules(ctx.db, actorOf(request), request.body));
}
