import { Type } from 'typebox';
import { actorOf, type AppContext } from '../../platform/context.js';
import { type App, errorResponses } from '../../platform/http.js';
import { PageQuery, pageOf, pageParams } from '../../platform/pagination.js';
import * as duplicates from './duplicates.js';
import {
  CreatePersonBody, DismissBody, DuplicatePair, MergeBody, MergeResult, Person, PersonDetail, PersonParams,
  ReadReasonQuery, SearchPeopleQuery, UpdatePersonBody,
} from './schema.js';
import * as service from './service.js';

export function peopleRoutes(app: App, ctx: AppContext) {
  const secured = { onRequest: ctx.authenticate };
  const tags = ['people'];
  const security = [{ bearer: [] }];

  app.post('/api/v1/people', {
    ...secured,
    schema: { tags, security, summary: 'Register a person', body: CreatePersonBody, response: { 201: Person, ...errorResponses(400, 401, 403, 409) } },
  }, async (request, reply) => reply.status(201).send(await service.createPerson(ctx.db, actorOf(request), request.body)));

  app.get('/api/v1/people', {
    ...secured,
    schema: {
      tags, security,
      summary: 'Search people in your scope by national ID, phone or name (diacritics and case ignored)',
      querystring: SearchPeopleQuery,
      response: { 200: pageOf(Person), ...errorResponses(400, 401, 403) },
    },
  }, async (request) => service.searchPeople(ctx.db, actorOf(request), request.query));

  app.get('/api/v1/people/duplicates', {
    ...secured,
    schema: {
      tags, security,
      summary: 'Pairs of records that are probably one person: same national ID, same phone and birth year, or same name, birth date and commune',
      querystring: Type.Object(PageQuery),
      response: { 200: pageOf(DuplicatePair), ...errorResponses(400, 401, 403) },
    },
  }, async (request) => {
    const { limit, offset } = pageParams(request.query);
    return duplicates.listDuplicates(ctx.db, actorOf(request), limit, offset);
  });

  app.post('/api/v1/people/duplicates/dismiss', {
    ...secured,
    schema: { tags, security, summary: 'Mark a candidate pair as two different people', body: DismissBody, response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) } },
  }, async (request, reply) => {
    await duplicates.dismissPair(ctx.db, actorOf(request), request.body.personA, request.body.personB);
    return reply.status(204).send(null);
  });

  app.get('/api/v1/people/:id', {
    ...secured,
    schema: {
      tags, security,
      summary: 'One person with household and organisations; the read is audited with its reason',
      params: PersonParams, querystring: ReadReasonQuery,
      response: { 200: PersonDetail, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request) => service.getPerson(ctx.db, actorOf(request), request.params.id, request.query.reason));

  app.patch('/api/v1/people/:id', {
    ...secured,
    schema: { tags, security, summary: 'Correct a person\'s data', params: PersonParams, body: UpdatePersonBody, response: { 200: Person, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request) => service.updatePerson(ctx.db, actorOf(request), request.params.id, request.body));

  app.post('/api/v1/people/:id/merge', {
    ...secured,
    schema: {
      tags, security,
      summary: 'Merge a duplicate into this person: every linked record moves here, in one transaction',
      params: PersonParams, body: MergeBody,
      response: { 200: MergeResult, ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request) => duplicates.mergePeople(ctx.db, actorOf(request), request.params.id, request.body.mergedId, request.body.reason));
}
