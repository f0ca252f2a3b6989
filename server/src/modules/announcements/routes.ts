import { Type } from 'typebox';
import { actorOf, type AppContext } from '../../platform/context.js';
import { type App, errorResponses } from '../../platform/http.js';
import { pageOf } from '../../platform/pagination.js';
import { publishChange } from '../open/changes.js';
import { atomFeed } from './feed.js';
import {
  Announcement, AnnouncementParams, AnnouncementSummary, Attachment, AttachmentParams, CreateAnnouncementBody, ListAnnouncementsQuery,
  StaffListQuery, UpdateAnnouncementBody, UploadQuery, WithdrawBody,
} from './schema.js';
import * as service from './service.js';

const FEED_TITLE = 'Thông báo, chỉ đạo phòng, chống dịch COVID-19 tỉnh Hậu Giang';

export function announcementRoutes(app: App, ctx: AppContext) {
  const tags = ['announcements'];
  const secured = { onRequest: ctx.authenticate };
  const security = [{ bearer: [] }];
  // The live stream is public: only changes the public can see are announced.
  const changedIfPublic = (announcement: { id: string; status: string }, action: string) => {
    if (announcement.status !== 'draft') publishChange(ctx, action === 'published' ? 'announcements.published' : 'announcements.changed', { action, ids: [announcement.id] });
  };

  // Public.
  app.get('/api/v1/announcements', {
    schema: { tags, summary: 'Published announcements, newest first, with search and filters', querystring: ListAnnouncementsQuery, response: { 200: pageOf(AnnouncementSummary), ...errorResponses(400) } },
  }, async (request) => service.listPublished(ctx.db, request.query));

  app.get('/api/v1/announcements/feed.atom', {
    schema: { tags, summary: 'Atom feed of the latest published announcements' },
  }, async (request, reply) => {
    const xml = atomFeed(await service.feedEntries(ctx.db), `${request.protocol}://${request.host}`, FEED_TITLE);
    return reply.type('application/atom+xml; charset=utf-8').send(xml);
  });

  app.get('/api/v1/announcements/:id', {
    schema: { tags, summary: 'One published (or withdrawn) announcement with its rendered body and attachments', params: AnnouncementParams, response: { 200: Announcement, ...errorResponses(400, 404) } },
  }, async (request) => service.getPublished(ctx.db, request.params.id));

  app.get('/api/v1/announcements/:id/attachments/:attachmentId', {
    schema: { tags, summary: 'A PDF attachment of a published announcement', params: AttachmentParams, response: errorResponses(400, 404) },
  }, async (request, reply) => {
    const file = await service.publicAttachment(ctx.db, request.params.id, request.params.attachmentId);
    return reply.type('application/pdf').header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
      .header('x-content-type-options', 'nosniff').send(file.content);
  });

  // Staff.
  app.get('/api/v1/announcements/staff', {
    ...secured,
    schema: { tags, security, summary: 'Announcements of your scope in every status (drafts too)', querystring: StaffListQuery, response: { 200: pageOf(AnnouncementSummary), ...errorResponses(400, 401, 403) } },
  }, async (request) => service.listForStaff(ctx.db, actorOf(request), request.query));

  app.get('/api/v1/announcements/staff/:id', {
    ...secured,
    schema: { tags, security, summary: 'One announcement of your scope, drafts too', params: AnnouncementParams, response: { 200: Announcement, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => service.getForStaff(ctx.db, actorOf(request), request.params.id));

  app.post('/api/v1/announcements', {
    ...secured,
    schema: { tags, security, summary: 'Write a draft (Markdown body, rendered and sanitised on the server)', body: CreateAnnouncementBody, response: { 201: Announcement, ...errorResponses(400, 401, 403) } },
  }, async (request, reply) => reply.status(201).send(await service.createAnnouncement(ctx.db, actorOf(request), request.body)));

  app.patch('/api/v1/announcements/:id', {
    ...secured,
    schema: { tags, security, summary: 'Edit a draft or a published announcement', params: AnnouncementParams, body: UpdateAnnouncementBody, response: { 200: Announcement, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request) => {
    const announcement = await service.updateAnnouncement(ctx.db, actorOf(request), request.params.id, request.body);
    changedIfPublic(announcement, 'updated');
    return announcement;
  });

  app.post('/api/v1/announcements/:id/publish', {
    ...secured,
    schema: { tags, security, summary: 'Publish a draft', params: AnnouncementParams, response: { 200: Announcement, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request) => {
    const announcement = await service.changeStatus(ctx.db, actorOf(request), request.params.id, 'published', null);
    changedIfPublic(announcement, 'published');
    return announcement;
  });

  app.post('/api/v1/announcements/:id/withdraw', {
    ...secured,
    schema: { tags, security, summary: 'Withdraw a published announcement, with the reason', params: AnnouncementParams, body: WithdrawBody, response: { 200: Announcement, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request) => {
    const announcement = await service.changeStatus(ctx.db, actorOf(request), request.params.id, 'withdrawn', request.body.reason);
    changedIfPublic(announcement, 'withdrawn');
    return announcement;
  });

  app.post('/api/v1/announcements/:id/attachments', {
    ...secured,
    bodyLimit: service.MAX_ATTACHMENT_BYTES + 1024,
    schema: {
      tags, security, consumes: ['application/pdf'],
      summary: `Attach a PDF (Content-Type: application/pdf, at most ${service.MAX_ATTACHMENT_BYTES / 1024 / 1024} MB; checked by its %PDF- header)`,
      params: AnnouncementParams, querystring: UploadQuery, response: { 201: Attachment, ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request, reply) => {
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const attachment = await service.addAttachment(ctx.db, actorOf(request), request.params.id, request.query.filename, body);
    return reply.status(201).send(attachment);
  });

  app.delete('/api/v1/announcements/:id/attachments/:attachmentId', {
    ...secured,
    schema: { tags, security, summary: 'Remove an attachment', params: AttachmentParams, response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request, reply) => {
    await service.removeAttachment(ctx.db, actorOf(request), request.params.id, request.params.attachmentId);
    return reply.status(204).send(null);
  });
}
