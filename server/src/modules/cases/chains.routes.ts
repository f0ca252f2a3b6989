// Routes of transmission chains: thin (schema → authenticate → service). Contract: docs/API-TRACING.md,
// "Transmission chains".
import { actorOf, type AppContext } from '../../platform/context.js';
import { type App, errorResponses } from '../../platform/http.js';
import { getChain, getChainGeojson } from './chains.js';
import { Chain, ChainGeojson, ChainQuery } from './chains.schema.js';
import { CaseParams } from './schema.js';

export function chainRoutes(app: App, ctx: AppContext) {
  const tags = ['transmission chains'];
  const secured = { onRequest: ctx.authenticate };
  const security = [{ bearer: [] }];

  app.get('/api/v1/cases/:id/chain', {
    ...secured,
    schema: {
      tags, security, params: CaseParams, querystring: ChainQuery,
      summary: 'The transmission chain of a case: cases linked by contacts who became cases, both ways up to the depth, with their contacts; clusters marked; audited with the reason and the node count',
      response: { 200: Chain, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request) => getChain(ctx.db, actorOf(request), request.params.id, request.query));

  app.get('/api/v1/cases/:id/chain.geojson', {
    ...secured,
    schema: {
      tags, security, params: CaseParams, querystring: ChainQuery,
      summary: 'The same chain for the map: nodes as Points, edges as LineStrings (through the venue when known)',
      response: { 200: ChainGeojson, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request, reply) => reply.type('application/geo+json').send(await getChainGeojson(ctx.db, actorOf(request), request.params.id, request.query)));
}
