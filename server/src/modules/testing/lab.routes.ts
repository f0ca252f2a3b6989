// Routes of testing: receiving tubes, entering and importing results, the lab API.
import { Type } from 'typebox';
import { actorOf, type AppContext } from '../../platform/context.js';
import { type App, errorResponses } from '../../platform/http.js';
import { receiveTubes } from './lab.js';
import { enterResults, tubeResultHistory } from './results.js';
import { CSV_COLUMNS, importResultsCsv } from './results.import.js';
import { BarcodeParams, ReceiveBody, ReceiveResult, ResultBatchBody, ResultBatchResult, ResultItem, ResultOutcome, TubeResultHistory } from './results.schema.js';

export function labRoutes(app: App, ctx: AppContext) {
  const tags = ['testing: laboratory'];
  const secured = { onRequest: ctx.authenticate };
  const security = [{ bearer: [] }];
  if (!app.hasContentTypeParser('text/csv')) {
    app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  }

  app.post('/api/v1/testing/lab/receive', {
    ...secured,
    schema: {
      tags, security, body: ReceiveBody,
      summary: 'Receive scanned tubes at the lab (an open tube is sealed on the way); a tube scanned again is a repeat; all or none',
      response: { 200: ReceiveResult, ...errorResponses(400, 401, 403, 409) },
    },
  }, async (request) => receiveTubes(ctx.db, actorOf(request), request.body.barcodes));

  app.post('/api/v1/testing/results', {
    ...secured,
    schema: {
      tags, security, body: ResultItem,
      summary: 'Enter a tube\'s result (201); the same outcome again is a repeat (200); a different one needs correction.reason (409 without)',
      response: { 200: ResultOutcome, 201: ResultOutcome, ...errorResponses(400, 401, 403, 409) },
    },
  }, async (request, reply) => {
    const outcome = (await enterResults(ctx.db, actorOf(request), ctx.events, [{ item: request.body, field: (name) => name }], 'manual')).items[0]!;
    return reply.status(outcome.repeat ? 200 : 201).send(outcome);
  });

  app.post('/api/v1/testing/results/batch', {
    ...secured,
    schema: {
      tags, security, body: ResultBatchBody,
      summary: 'The lab API for machines: up to 1,000 results, all or none (errors name items[i].field)',
      response: { 200: ResultBatchResult, ...errorResponses(400, 401, 403, 409) },
    },
  }, async (request) => enterResults(ctx.db, actorOf(request), ctx.events, request.body.items.map((item, i) => ({ item, field: (name) => `items[${i}].${name}` })), 'api'));

  app.post('/api/v1/testing/results/import', {
    ...secured,
    schema: {
      tags, security, consumes: ['text/csv'],
      summary: `Import the lab's CSV (header: ${CSV_COLUMNS.join(',')}; any ct_<gene>); results in Vietnamese or English; all records or none (errors name lines[n].column)`,
      body: Type.String({ description: 'the CSV text (Content-Type: text/csv)' }),
      response: { 200: ResultBatchResult, ...errorResponses(400, 401, 403, 409) },
    },
  }, async (request) => importResultsCsv(ctx.db, actorOf(request), ctx.events, request.body));

  app.get('/api/v1/testing/tubes/:barcode/results', {
    ...secured,
    schema: {
      tags, security, params: BarcodeParams,
      summary: 'A tube\'s results, newest first, corrections with their reasons (testing:lab or testing:read)',
      response: { 200: TubeResultHistory, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request) => tubeResultHistory(ctx.db, actorOf(request), request.params.barcode));
}
