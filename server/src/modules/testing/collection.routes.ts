// Routes of testing: sessions, samples, tubes and label sheets (contract: docs/API-TESTING.md, "Collection").
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { actorOf, type AppContext } from '../../platform/context.js';
import { type App, errorResponses } from '../../platform/http.js';
import { pageOf } from '../../platform/pagination.js';
import type { PdfFile } from '../checkins/posters.js';
import {
  CreateSessionBody, LabelsBody, ListSessionsQuery, ReadTubeQuery, SampleBatchBody, SampleItem, SampleResult, Session, SessionDetail, SessionParams, SessionTubesQuery,
  Tube, TubeDetail, TubeMemberParams, TubeParams, UpdateSessionBody,
} from './collection.schema.js';
import { issueLabels, sessionLabels } from './labels.js';
import { bareField, itemField } from './samples.check.js';
import { takeSamples } from './samples.js';
import { createSession, getSession, listSessions, updateSession } from './sessions.js';
import { getTube, removeTubeMember, sealTube, sessionTubes } from './tubes.js';

const pdfResponse = (description: string) => ({
  200: { description, content: { 'application/pdf': { schema: Type.String({ format: 'binary' }) } } },
});

function sendPdf(reply: FastifyReply, file: PdfFile) {
  return reply.type('application/pdf').header('content-disposition', `inline; filename="${file.filename}"`)
    .header('cache-control', 'private, no-store').header('x-content-type-options', 'nosniff').send(file.content);
}

export function collectionRoutes(app: App, ctx: AppContext) {
  const tags = ['testing'];
  const secured = { onRequest: ctx.authenticate };
  const security = [{ bearer: [] }];
  const caps = () => ctx.config.testing.poolCaps;

  app.post('/api/v1/testing/sessions', {
    ...secured,
    schema: {
      tags, security, body: CreateSessionBody,
      summary: 'Plan a sampling session: where, when, team, test type and mode; poolCap defaults to (and may not exceed) the configured cap',
      response: { 201: Session, ...errorResponses(400, 401, 403) },
    },
  }, async (request, reply) => reply.status(201).send(await createSession(ctx.db, actorOf(request), caps(), request.body)));

  app.get('/api/v1/testing/sessions', {
    ...secured,
    schema: { tags, security, querystring: ListSessionsQuery, summary: 'Sessions in your scope, latest first', response: { 200: pageOf(Session), ...errorResponses(400, 401, 403) } },
  }, async (request) => listSessions(ctx.db, actorOf(request), request.query));

  app.get('/api/v1/testing/sessions/:id', {
    ...secured,
    schema: {
      tags, security, params: SessionParams,
      summary: 'One session with its counts: tubes by status, people sampled and represented, households still needing a second representative',
      response: { 200: SessionDetail, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request) => getSession(ctx.db, actorOf(request), request.params.id));

  app.patch('/api/v1/testing/sessions/:id', {
    ...secured,
    schema: {
      tags, security, params: SessionParams, body: UpdateSessionBody,
      summary: 'Close (or reopen) a session, or correct its name, times and team',
      response: { 200: SessionDetail, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request) => updateSession(ctx.db, actorOf(request), request.params.id, request.body));

  app.post('/api/v1/testing/samples/batch', {
    ...secured,
    schema: {
      tags, security, body: SampleBatchBody,
      summary: 'Record up to 1,000 scans (a collector\'s phone syncing): all or nothing; a bad item answers 400, a full, sealed or foreign tube 409, naming items[i].field; a stored id is a repeat',
      response: { 200: SampleResult, ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request) => takeSamples(ctx.db, actorOf(request), caps(), request.body.items, itemField));

  app.post('/api/v1/testing/samples', {
    ...secured,
    schema: {
      tags, security, body: SampleItem,
      summary: 'Record one scan: 201 when recorded, 200 when it was a repeat; errors name the field',
      response: { 200: SampleResult, 201: SampleResult, ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request, reply) => {
    const result = await takeSamples(ctx.db, actorOf(request), caps(), [request.body], bareField);
    return reply.status(result.accepted > 0 ? 201 : 200).send(result);
  });

  app.get('/api/v1/testing/sessions/:id/tubes', {
    ...secured,
    schema: {
      tags, security, params: SessionParams, querystring: SessionTubesQuery,
      summary: 'A session\'s tubes and their states (no people): collectors\' tubes first, then planned retests',
      response: { 200: pageOf(Tube), ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request) => sessionTubes(ctx.db, actorOf(request), request.params.id, request.query));

  app.get('/api/v1/testing/tubes/:barcode', {
    ...secured,
    schema: {
      tags, security, params: TubeParams, querystring: ReadTubeQuery,
      summary: 'A tube with its session and its members by name; the read is audited with its reason',
      response: { 200: TubeDetail, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request) => getTube(ctx.db, actorOf(request), request.params.barcode, request.query.reason));

  app.post('/api/v1/testing/tubes/:barcode/seal', {
    ...secured,
    schema: {
      tags, security, params: TubeParams,
      summary: 'Seal a tube for the laboratory: no more samples go into it (sealing again changes nothing)',
      response: { 200: Tube, ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request) => sealTube(ctx.db, actorOf(request), request.params.barcode));

  app.delete('/api/v1/testing/tubes/:barcode/members/:personId', {
    ...secured,
    schema: {
      tags, security, params: TubeMemberParams,
      summary: 'Take a wrong scan out of a tube before it is sealed, with the people that member represented in it',
      response: { 200: Tube, ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request) => removeTubeMember(ctx.db, actorOf(request), caps(), request.params.barcode, request.params.personId));

  app.post('/api/v1/testing/labels', {
    ...secured,
    schema: {
      tags, security, body: LabelsBody,
      summary: 'A4 sheets of fresh Code 128 labels (65 a page), codes never issued before (PDF)',
      response: { ...pdfResponse('the label sheet'), ...errorResponses(400, 401, 403) },
    },
  }, async (request, reply) => sendPdf(reply, await issueLabels(ctx.db, actorOf(request), request.body)));

  app.get('/api/v1/testing/sessions/:id/labels.pdf', {
    ...secured,
    schema: {
      tags, security, params: SessionParams,
      summary: 'The labels of a session\'s tubes, planned retest tubes included (PDF)',
      response: { ...pdfResponse('the label sheet'), ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request, reply) => sendPdf(reply, await sessionLabels(ctx.db, actorOf(request), request.params.id)));
}
