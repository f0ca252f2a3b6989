import fs from 'node:fs';
import Fastify from 'fastify';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import ajvFormats from 'ajv-formats';
import type { Plugin } from 'ajv';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import { type AppContext, makeAuthenticate } from './platform/context.js';
import { type App, ErrorBody, handleError } from './platform/http.js';
import { registerIdempotency } from './platform/idempotency.js';
import { registerRateLimits } from './platform/rateLimit.js';
import { RequestLog } from './platform/requestLog.js';
import { createSharedEventBus, eventRoutes } from './platform/events.js';
import { createTokenSigner } from './platform/tokens.js';
import { caseRoutes } from './modules/cases/routes.js';
import { certificateRoutes } from './modules/certificates/routes.js';
import { vaccinationRoutes } from './modules/vaccination/routes.js';
import { checkinModuleRoutes } from './modules/checkins/register.js';
import { levelRoutes } from './modules/levels/routes.js';
import { auditRoutes } from './modules/audit/routes.js';
import { authRoutes } from './modules/auth/routes.js';
import { healthRoutes } from './modules/health/routes.js';
import { groupRoutes } from './modules/people/groups.routes.js';
import { peopleRoutes } from './modules/people/routes.js';
import { mapModuleRoutes } from './modules/open/register.js';
import { notificationRoutes } from './modules/notifications/routes.js';
import { testingRoutes } from './modules/testing/routes.js';
import { unitRoutes } from './modules/units/routes.js';
import { userRoutes } from './modules/users/routes.js';

export const VERSION = (JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

// Personal fields never reach the logs.
const REDACT = ['req.headers.authorization', '*.password', '*.nationalId', '*.phone', '*.fullName'];

export async function buildApp(db: Database, config: Config) {
  // One log line per request instead of Fastify's two ("incoming", "completed"), and a summary a minute for the busiest routes.
  const requestLog = new RequestLog();
  const app = Fastify({
    logger: { level: config.logLevel, redact: REDACT },
    logController: requestLog,
    bodyLimit: config.bodyLimitBytes,
    requestIdHeader: 'x-request-id',
    genReqId: () => crypto.randomUUID(),
    trustProxy: config.trustProxy,
    ajv: { customOptions: { allErrors: true, coerceTypes: true, useDefaults: true, removeAdditional: false }, plugins: [ajvFormats as unknown as Plugin<unknown>] },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const summaries = requestLog.start(app.log);
  app.addHook('onClose', () => summaries.stop());
  app.decorateRequest('actor', null);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.setErrorHandler(handleError);
  app.addSchema(ErrorBody);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Vigil API', version: VERSION, description: 'Epidemic response for a Vietnamese province' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });

  const tokens = await createTokenSigner(db, config.tokenTtlSeconds);
  registerIdempotency(app, db);
  await registerRateLimits(app);
  const events = await createSharedEventBus(db, { onError: (err, doing) => app.log.error({ err }, `live events: ${doing} failed`) });
  app.addHook('onClose', () => events.close());
  const ctx: AppContext = { db, config, tokens, version: VERSION, events, authenticate: makeAuthenticate(db, tokens) };
  for (const register of [healthRoutes, authRoutes, userRoutes, unitRoutes, peopleRoutes, groupRoutes, auditRoutes, mapModuleRoutes, levelRoutes, checkinModuleRoutes, caseRoutes, notificationRoutes, testingRoutes, certificateRoutes, vaccinationRoutes, eventRoutes]) register(app, ctx);

  app.get('/api/openapi.json', { schema: { hide: true } }, () => Promise.resolve(app.swagger()));
  await serveWebApp(app, config.webDistDir);
  return app;
}

/** The built web app at `/`, with every non-API path answered by index.html (client-side routes). */
async function serveWebApp(app: App, distDir: string) {
  const hasWeb = fs.existsSync(`${distDir}/index.html`);
  // wildcard: files are looked up per request, so a rebuilt web app is served without a restart.
  if (hasWeb) await app.register(fastifyStatic, { root: distDir, wildcard: true, preCompressed: true });
  // Files under /assets/ carry a content hash in their names: they never change, so browsers keep them.
  app.addHook('onSend', async (request, reply) => {
    if (reply.statusCode === 200 && request.url.startsWith('/assets/')) reply.header('cache-control', 'public, max-age=31536000, immutable');
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    // Client-side routes get the app; a missing file (/assets/x.js, /favicon.png) is a real 404.
    const isAppRoute = !path.startsWith('/api/') && !path.startsWith('/assets/') && !/\.[a-z0-9]+$/i.test(path);
    if (hasWeb && request.method === 'GET' && isAppRoute) return reply.sendFile('index.html');
    return reply.status(404).send({ error: { code: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}`, requestId: request.id } });
  });
}
