import { Type } from 'typebox';
import { actorOf, type AppContext } from '../../platform/context.js';
import { type App, errorResponses } from '../../platform/http.js';
import { pageOf } from '../../platform/pagination.js';
import { checkOut, findCheckin, listCheckins, presentRecord } from './checkins.js';
import { ingestCheckins } from './ingest.js';
import { singleCheckinWriter } from './single.js';
import { CheckinStats, CheckinStatsQuery, checkinStats } from './stats.js';
import { Checkin, CheckinBatchBody, CheckinItem, CheckinParams, IngestResult, ListCheckinsQuery } from './schema.js';

export function checkinRoutes(app: App, ctx: AppContext) {
  const tags = ['checkins'];
  const secured = { onRequest: ctx.authenticate };
  const security = [{ bearer: [] }];
  const options = () => ({ retentionDays: ctx.config.presenceRetentionDays });
  const single = singleCheckinWriter(ctx.db, options);

  app.post('/api/v1/checkins', {
    ...secured,
    // thousands a second at peak: a summary line a minute, not a line each (platform/requestLog.ts)
    config: { logSummary: true },
    schema: {
      tags, security, body: CheckinItem,
      summary: 'Record one check-in (staff scanner or another system); the client id makes a retry change nothing',
      response: { 200: Type.Object({ ...IngestResult.properties, checkin: Checkin }), 201: Type.Object({ ...IngestResult.properties, checkin: Checkin }), ...errorResponses(400, 401, 403) },
    },
  }, async (request, reply) => {
    const { result, record: written } = await single.write(actorOf(request), request.body);
    // A new check-in is exactly what was sent; a repeat is read back (it may hold an earlier check-out).
    const checkin = result.accepted === 1 && written.venue ? presentRecord(written, written.venue) : (await findCheckin(ctx.db, request.body.id, null))!;
    return reply.status(result.accepted === 1 ? 201 : 200).send({ ...result, checkin });
  });

  app.post('/api/v1/checkins/batch', {
    ...secured,
    schema: {
      tags, security, body: CheckinBatchBody,
      summary: 'Record up to 1,000 check-ins (an offline scanner syncing): all or nothing; a bad item answers 400 naming its index and field',
      response: { 200: IngestResult, ...errorResponses(400, 401, 403) },
    },
  }, async (request) => {
    const { records: _records, ...result } = await ingestCheckins(ctx.db, actorOf(request), request.body.items, options());
    return result;
  });

  app.post('/api/v1/checkins/:id/checkout', {
    ...secured,
    schema: {
      tags, security, params: CheckinParams,
      body: Type.Object({ checkedOutAt: Type.Optional(Type.String({ format: 'date-time', description: 'default: now' })) }, { additionalProperties: false }),
      summary: 'Check a person out (a check-in already closed stays as it was)', response: { 200: Checkin, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request) => checkOut(ctx.db, actorOf(request), request.params.id, request.body.checkedOutAt ? new Date(request.body.checkedOutAt) : new Date()));

  app.get('/api/v1/checkins', {
    ...secured,
    schema: {
      tags, security, querystring: ListCheckinsQuery,
      summary: 'Presence data of one venue or one person in your scope; the read and its reason are audited', response: { 200: pageOf(Checkin), ...errorResponses(400, 401, 403) },
    },
  }, async (request) => listCheckins(ctx.db, actorOf(request), request.query));

  app.get('/api/v1/checkins/stats', {
    ...secured,
    schema: {
      tags, security, querystring: CheckinStatsQuery,
      summary: 'Scans per day, commune, venue and checkpoint, and the province\'s figures (QR points, total scans, scans a day), in your scope',
      response: { 200: CheckinStats, ...errorResponses(400, 401, 404) },
    },
  }, async (request) => checkinStats(ctx.db, actorOf(request), request.query));
}
