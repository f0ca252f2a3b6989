// Routes of verifiable certificates: the public trust list at a well-known address, and the
// administrators' signing keys. Issuing is a service function other modules call (issue.ts).
import { actorOf, type AppContext } from '../../platform/context.js';
import { type App, errorResponses } from '../../platform/http.js';
import { certificateConfigOf } from './config.js';
import { listSigningKeys, rotateSigningKey, trustList } from './keys.js';
import { SigningKey, SigningKeyList, TrustListSchema } from './schema.js';

/** ⚑ Where verifiers fetch the keys that sign Vigil's certificates. */
export const TRUST_LIST_PATH = '/.well-known/vigil/dcc-trust-list.json';

export function certificateRoutes(app: App, ctx: AppContext) {
  const config = certificateConfigOf(ctx.config);
  const tags = ['certificates'];
  const secured = { onRequest: ctx.authenticate };
  const security = [{ bearer: [] }];

  app.get(TRUST_LIST_PATH, {
    schema: {
      tags,
      summary: 'The DCC trust list: [{kid, certificate}] of every key whose certificate has not expired (the format of `vigil cert verify --trust`). Public; cached for an hour',
      response: { 200: TrustListSchema },
    },
  }, async (_request, reply) => {
    // a rotation shows within the hour; a key is never removed before its certificates expire
    reply.header('cache-control', 'public, max-age=3600').header('access-control-allow-origin', '*');
    return trustList(ctx.db);
  });

  app.get('/api/v1/certificates/keys', {
    ...secured,
    schema: { tags, security, summary: 'Every signing key with its period, whether it signs now and is trusted (administrators)', response: { 200: SigningKeyList, ...errorResponses(401, 403) } },
  }, async (request) => ({ items: await listSigningKeys(ctx.db, actorOf(request)) }));

  app.post('/api/v1/certificates/keys/rotate', {
    ...secured,
    schema: {
      tags, security,
      summary: 'Make a new signing key active now; earlier keys stay in the trust list until their certificates expire (administrators, audited)',
      response: { 201: SigningKey, ...errorResponses(401, 403) },
    },
  }, async (request, reply) => reply.status(201).send(await rotateSigningKey(ctx.db, config, actorOf(request))));
}
