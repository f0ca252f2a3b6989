// Routes of testing: testing programmes and their rounds (coverage, missed people, reminders), and the
// proposed pool size.
import { actorOf, type AppContext } from '../../platform/context.js';
import { type App, errorResponses } from '../../platform/http.js';
import { pageOf } from '../../platform/pagination.js';
import { proposePoolSize } from './pool-size.js';
import { PoolSizeProposal, PoolSizeQuery } from './pool-size.schema.js';
import { CreateProgrammeBody, ListProgrammesQuery, Programme, ProgrammeParams, UpdateProgrammeBody } from './programmes.schema.js';
import * as programmes from './programmes.service.js';
import { ListRoundsQuery, MissedPage, MissedQuery, RemindersResult, RoundPage, RoundParams } from './rounds.schema.js';
import * as rounds from './rounds.service.js';

export function roundRoutes(app: App, ctx: AppContext) {
  const tags = ['testing'];
  const secured = { onRequest: ctx.authenticate };
  const security = [{ bearer: [] }];

  app.post('/api/v1/testing/programmes', {
    ...secured,
    schema: {
      tags, security, body: CreateProgrammeBody,
      summary: 'Start a testing programme: an organisation\'s members (optionally some teams) or the people of a commune, tested every intervalHours',
      response: { 201: Programme, ...errorResponses(400, 401, 403) },
    },
  }, async (request, reply) => reply.status(201).send(await programmes.createProgramme(ctx.db, actorOf(request), request.body)));

  app.get('/api/v1/testing/programmes', {
    ...secured,
    schema: {
      tags, security, querystring: ListProgrammesQuery,
      summary: 'Programmes in your scope with their green status, latest start first',
      response: { 200: pageOf(Programme), ...errorResponses(400, 401, 403) },
    },
  }, async (request) => programmes.listProgrammes(ctx.db, actorOf(request), request.query));

  app.get('/api/v1/testing/programmes/:id', {
    ...secured,
    schema: {
      tags, security, params: ProgrammeParams,
      summary: 'One programme, its current round and its green status (every closed round covered, no positive)',
      response: { 200: Programme, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request) => programmes.getProgramme(ctx.db, actorOf(request), request.params.id));

  app.patch('/api/v1/testing/programmes/:id', {
    ...secured,
    schema: {
      tags, security, params: ProgrammeParams, body: UpdateProgrammeBody,
      summary: 'Change a programme or end it; its timing is fixed once round 1 has opened',
      response: { 200: Programme, ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request) => programmes.updateProgramme(ctx.db, actorOf(request), request.params.id, request.body));

  app.get('/api/v1/testing/programmes/:id/rounds', {
    ...secured,
    schema: {
      tags, security, params: ProgrammeParams, querystring: ListRoundsQuery,
      summary: 'Rounds latest first: required, tested (including by representation), awaiting results, positives, missed, coverage, verdict',
      response: { 200: RoundPage, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request) => rounds.listRounds(ctx.db, actorOf(request), request.params.id, request.query));

  app.get('/api/v1/testing/programmes/:id/rounds/:n/missed', {
    ...secured,
    schema: {
      tags, security, params: RoundParams, querystring: MissedQuery,
      summary: 'The people missed in a round that has opened, by name; audited with the reason',
      response: { 200: MissedPage, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request) => rounds.missedInRound(ctx.db, actorOf(request), request.params.id, request.params.n, request.query));

  app.post('/api/v1/testing/programmes/:id/rounds/:n/reminders', {
    ...secured,
    schema: {
      tags, security, params: RoundParams,
      summary: 'Remind the people missed in the open round by SMS; each person once per round, however often this is sent',
      response: { 200: RemindersResult, ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request) => rounds.sendRoundReminders(ctx.db, actorOf(request), request.params.id, request.params.n));

  app.get('/api/v1/testing/pool-size', {
    ...secured,
    schema: {
      tags, security, querystring: PoolSizeQuery,
      summary: 'The pool size to collect: prevalence from the commune\'s results of the last 7 days (or the prior), the configured cap, the engine\'s best plan',
      response: { 200: PoolSizeProposal, ...errorResponses(400, 401, 403) },
    },
  }, async (request) => proposePoolSize(
    ctx.db, actorOf(request), ctx.config.testing, request.query,
  ));
}
