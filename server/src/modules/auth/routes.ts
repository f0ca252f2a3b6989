import { Type } from 'typebox';
import { actorOf, type AppContext } from '../../platform/context.js';
import { type App, errorResponses } from '../../platform/http.js';
import { User } from '../users/schema.js';
import * as service from './service.js';

const LoginBody = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

const PasswordBody = Type.Object(
  { currentPassword: Type.String({ minLength: 1, maxLength: 200 }), newPassword: Type.String({ minLength: 10, maxLength: 200 }) },
  { additionalProperties: false },
);

export function authRoutes(app: App, ctx: AppContext) {
  app.post('/api/v1/auth/password', {
    onRequest: ctx.authenticate,
    schema: {
      tags: ['auth'],
      summary: 'Change your own password',
      security: [{ bearer: [] }],
      body: PasswordBody,
      response: { 204: Type.Null(), ...errorResponses(400, 401) },
    },
  }, async (request, reply) => {
    await service.changePassword(ctx.db, actorOf(request), request.body.currentPassword, request.body.newPassword);
    return reply.status(204).send(null);
  });

  app.post('/api/v1/auth/login', {
    schema: {
      tags: ['auth'],
      summary: 'Sign in; send the returned token as Authorization: Bearer <token>',
      body: LoginBody,
      response: { 200: Type.Object({ token: Type.String(), user: User }), ...errorResponses(400, 401, 429) },
    },
  }, async (request) => service.login(ctx, { ...request.body, ip: request.ip, requestId: request.id }));

  app.get('/api/v1/auth/me', {
    onRequest: ctx.authenticate,
    schema: {
      tags: ['auth'],
      summary: 'The signed-in user',
      security: [{ bearer: [] }],
      response: { 200: Type.Object({ user: User }), ...errorResponses(401) },
    },
  }, async (request) => ({ user: await service.currentUser(ctx.db, actorOf(request).userId) }));
}
