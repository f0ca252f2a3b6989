// Routes of the export to the national registry (vaccination:export, scoped to the actor's unit).
import { Type } from 'typebox';
import { actorOf, type AppContext } from '../../platform/context.js';
import { type App, errorResponses } from '../../platform/http.js';
import { createExport, downloadExport, exportStatus, getExport, listExports, recordAnswers, recordAnswersCsv, requeueDoses } from './export.js';
import {
  AnswersBody, AnswersResult, Batch, BatchList, BatchParams, CreateExportBody, DownloadQuery, ExportStatus, ListBatchesQuery, RequeueBody, RequeueResult, StatusQuery,
} from './export.schema.js';

export function exportRoutes(app: App, ctx: AppContext): void {
  const secured = { onRequest: ctx.authenticate };
  const security = [{ bearer: [] }];
  const tags = ['vaccination: national export'];

  app.post('/api/v1/vaccination/exports', {
    ...secured,
    schema: {
      tags, security, body: CreateExportBody,
      summary: "A batch of the unit's doses waiting for export (pending, queued again, or rejected and since corrected), taken in one transaction; send an Idempotency-Key",
      response: { 201: Batch, ...errorResponses(400, 401, 403, 422) },
    },
  }, async (request, reply) => reply.status(201).send(await createExport(ctx.db, actorOf(request), request.body.unitCode)));

  app.get('/api/v1/vaccination/exports', {
    ...secured,
    schema: { tags, security, querystring: ListBatchesQuery, summary: 'Export batches in scope, newest first', response: { 200: BatchList, ...errorResponses(400, 401, 403) } },
  }, async (request) => listExports(ctx.db, actorOf(request), request.query));

  app.get('/api/v1/vaccination/exports/status', {
    ...secured,
    schema: {
      tags, security, querystring: StatusQuery,
      summary: 'Doses per export status for a unit and the units under it ("X of Y doses updated on the national platform"), and the latest rejections',
      response: { 200: ExportStatus, ...errorResponses(400, 401, 403) },
    },
  }, async (request) => exportStatus(ctx.db, actorOf(request), request.query.unitCode));

  app.get('/api/v1/vaccination/exports/:id', {
    ...secured,
    schema: { tags, security, params: BatchParams, summary: 'One export batch with the count of answers', response: { 200: Batch, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => getExport(ctx.db, actorOf(request), request.params.id));

  for (const format of ['ndjson', 'csv'] as const) {
    app.get(`/api/v1/vaccination/exports/:id/${format}`, {
      ...secured,
      schema: {
        tags, security, params: BatchParams, querystring: DownloadQuery,
        summary: format === 'ndjson'
          ? 'The batch as FHIR R4 NDJSON: each Patient once, then each Immunization, one resource per line (an audited read of personal data)'
          : 'The batch as CSV, safe to open in a spreadsheet (an audited read of personal data)',
        response: { 200: Type.String(), ...errorResponses(400, 401, 403, 404) },
      },
    }, async (request, reply) => {
      const body = await downloadExport(ctx.db, actorOf(request), request.params.id, format, request.query.reason);
      const name = `vigil-immunizations-${request.params.id.slice(0, 8)}.${format}`;
      return reply
        .header('content-type', format === 'ndjson' ? 'application/fhir+ndjson; charset=utf-8' : 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('cache-control', 'no-store')
        .send(body);
    });
  }

  app.post('/api/v1/vaccination/exports/:id/answers', {
    ...secured,
    schema: {
      tags, security, params: BatchParams, body: AnswersBody,
      summary: "The registry's answers for doses of the batch (acknowledged, or rejected with the reason): all or none; sending them again changes nothing",
      response: { 200: AnswersResult, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request) => recordAnswers(ctx.db, actorOf(request), request.params.id, request.body.items));

  app.post('/api/v1/vaccination/exports/:id/answers/import', {
    ...secured,
    schema: {
      tags, security, params: BatchParams, consumes: ['text/csv'],
      body: Type.String({ description: 'CSV with the columns dose_id, outcome (acknowledged|rejected), reason, registry_id (Content-Type: text/csv)' }),
      summary: "The registry's answers as CSV; refusals name the line and column",
      response: { 200: AnswersResult, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request) => recordAnswersCsv(ctx.db, actorOf(request), request.params.id, request.body));

  app.post('/api/v1/vaccination/exports/requeue', {
    ...secured,
    schema: {
      tags, security, body: RequeueBody,
      summary: 'Queue rejected doses again once corrected (the next batch takes them); doses not rejected are left as they are',
      response: { 200: RequeueResult, ...errorResponses(400, 401, 403) },
    },
  }, async (request) => requeueDoses(ctx.db, actorOf(request), request.body.doseIds));
}
