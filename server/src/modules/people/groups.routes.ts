import { Type } from 'typebox';
import { actorOf, type AppContext } from '../../platform/context.js';
import { type App, errorResponses } from '../../platform/http.js';
import { pageOf } from '../../platform/pagination.js';
import { AddOrganisationMemberBody, CreateHouseholdBody, CreateOrganisationBody, IdParams, Organisation, OrganisationDetail, OrganisationQuery } from './groups.schema.js';
import * as households from './households.js';
import * as organisations from './organisations.js';
import { Household } from './schema.js';

export function groupRoutes(app: App, ctx: AppContext) {
  const secured = { onRequest: ctx.authenticate };
  const security = [{ bearer: [] }];

  app.post('/api/v1/households', {
    ...secured,
    schema: { tags: ['people'], security, summary: 'Register a household and its members', body: CreateHouseholdBody, response: { 201: Household, ...errorResponses(400, 401, 403, 409) } },
  }, async (request, reply) => reply.status(201).send(await households.createHousehold(ctx.db, actorOf(request), request.body)));

  app.get('/api/v1/households/:id', {
    ...secured,
    schema: { tags: ['people'], security, summary: 'One household with its members', params: IdParams, response: { 200: Household, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => households.getHousehold(ctx.db, actorOf(request), request.params.id));

  app.post('/api/v1/organisations', {
    ...secured,
    schema: { tags: ['people'], security, summary: 'Register an organisation (factory, office, school, market …)', body: CreateOrganisationBody, response: { 201: Organisation, ...errorResponses(400, 401, 403) } },
  }, async (request, reply) => reply.status(201).send(await organisations.createOrganisation(ctx.db, actorOf(request), request.body)));

  app.get('/api/v1/organisations', {
    ...secured,
    schema: { tags: ['people'], security, summary: 'Organisations in your scope, by name, unit and kind', querystring: OrganisationQuery, response: { 200: pageOf(Organisation), ...errorResponses(400, 401, 403) } },
  }, async (request) => organisations.listOrganisations(ctx.db, actorOf(request), request.query));

  app.get('/api/v1/organisations/:id', {
    ...secured,
    schema: { tags: ['people'], security, summary: 'One organisation with its members', params: IdParams, response: { 200: OrganisationDetail, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => organisations.getOrganisation(ctx.db, actorOf(request), request.params.id));

  app.post('/api/v1/organisations/:id/members', {
    ...secured,
    schema: { tags: ['people'], security, summary: 'Add a person to an organisation, optionally in a team', params: IdParams, body: AddOrganisationMemberBody, response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request, reply) => {
    await organisations.addOrganisationMember(ctx.db, actorOf(request), request.params.id, request.body.personId, request.body.team);
    return reply.status(204).send(null);
  });
}
