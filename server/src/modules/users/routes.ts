import { Type } from 'typebox';
import { actorOf, type AppContext } from '../../platform/context.js';
import { type App, errorResponses } from '../../platform/http.js';
import { PageQuery, pageOf, pageParams } from '../../platform/pagination.js';
import { CreateUserBody, UpdateUserBody, User } from './schema.js';
import { updateUser } from './update.js';
import * as service from './service.js';

export function userRoutes(app: App, ctx: AppContext) {
  app.post('/api/v1/users', {
    onRequest: ctx.authenticate,
    schema: {
      tags: ['users'],
      summary: 'Create a staff user with a role, scoped to a unit (administrators only)',
      security: [{ bearer: [] }],
      body: CreateUserBody,
      response: { 201: User, ...errorResponses(400, 401, 403, 409) },
    },
  }, async (request, reply) => reply.status(201).send(await service.createUser(ctx.db, actorOf(request), request.body)));

  app.patch('/api/v1/users/:id', {
    onRequest: ctx.authenticate,
    schema: {
      tags: ['users'],
      summary: 'Change a user\'s role, unit, display name or password, or disable the account (administrators only)',
      security: [{ bearer: [] }],
      params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
      body: UpdateUserBody,
      response: { 200: User, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request) => updateUser(ctx.db, actorOf(request), request.params.id, request.body));

  app.get('/api/v1/users', {
    onRequest: ctx.authenticate,
    schema: {
      tags: ['users'],
      summary: 'Users within your scope (administrators only)',
      security: [{ bearer: [] }],
      querystring: Type.Object(PageQuery),
      response: { 200: pageOf(User), ...errorResponses(400, 401, 403) },
    },
  }, async (request) => {
    const { limit, offset } = pageParams(request.query);
    return service.listUsers(ctx.db, actorOf(request), limit, offset);
  });
}
