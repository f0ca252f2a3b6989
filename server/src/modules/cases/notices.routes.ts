// Routes of public exposure notices: staff publish and withdraw; anyone reads the open list.
import { actorOf, type AppContext } from '../../platform/context.js';
import { type App, errorResponses } from '../../platform/http.js';
import { ContactParams } from './contacts.schema.js';
import { NOTICE_DAYS, noticesOfCase, openNotices, publishNotices, withdrawNotice } from './notices.js';
import { Notice, NoticeList, PublishNoticesBody, PublishResult, WithdrawNoticeBody } from './notices.schema.js';
import { CaseParams } from './schema.js';

export function noticeRoutes(app: App, ctx: AppContext) {
  const tags = ['exposure notices'];
  const secured = { onRequest: ctx.authenticate };
  const security = [{ bearer: [] }];

  app.post('/api/v1/cases/:id/exposure-notices', {
    ...secured,
    schema: {
      tags, security, params: CaseParams, body: PublishNoticesBody,
      summary: 'Publish the case\'s visits in its infectious window as public notices (venue and time window widened by the margin, nothing personal); repeatable',
      response: { 200: PublishResult, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request) => publishNotices(ctx.db, ctx.events, actorOf(request), request.params.id, request.body));

  app.get('/api/v1/cases/:id/exposure-notices', {
    ...secured,
    schema: { tags, security, params: CaseParams, summary: 'The case\'s notices, withdrawn ones included', response: { 200: NoticeList, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => ({ items: await noticesOfCase(ctx.db, actorOf(request), request.params.id) }));

  app.post('/api/v1/exposure-notices/:id/withdraw', {
    ...secured,
    schema: {
      tags, security, params: ContactParams, body: WithdrawNoticeBody, summary: 'Withdraw a notice: it leaves the open list at once',
      response: { 200: Notice, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request) => withdrawNotice(ctx.db, ctx.events, actorOf(request), request.params.id, request.body.reason));

  app.get('/api/v1/open/exposure-notices', {
    schema: {
      tags: ['open data'],
      summary: `Active exposure notices whose window ended within ${NOTICE_DAYS} days: venue, place and time window only. ETag; If-None-Match answers 304`,
    },
  }, async (request, reply) => {
    const { body, etag } = await openNotices(ctx.db);
    reply.header('etag', etag).header('cache-control', 'public, max-age=0, must-revalidate').header('access-control-allow-origin', '*');
    const match = request.headers['if-none-match'];
    if (match && match.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) return reply.status(304).send();
    return reply.type('application/json; charset=utf-8').send(body);
  });
}
