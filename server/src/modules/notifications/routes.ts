import { Type } from 'typebox';
import { actorOf, type AppContext } from '../../platform/context.js';
import { type App, errorResponses } from '../../platform/http.js';
import { pageOf } from '../../platform/pagination.js';
import { publicLimits } from '../../platform/rateLimit.js';
import { type VapidKeys, vapidKeys } from './channels/webpush.js';
import { subscribe, unsubscribe } from './push.js';
import {
  DeliveryReportBody, DeliveryReportResult, ListMessagesQuery, MessageParams, NotificationMessage, SubscribeBody, SubscribeResult, UnsubscribeBody, VapidKey,
} from './schema.js';
import { listMessages, reportDelivery, retryMessage } from './service.js';

export function notificationRoutes(app: App, ctx: AppContext) {
  const tags = ['notifications'];
  const secured = { onRequest: ctx.authenticate };
  const security = [{ bearer: [] }];
  const config = ctx.config.notifications;
  let keys: Promise<VapidKeys> | undefined;

  app.get('/api/v1/notifications', {
    ...secured,
    schema: {
      tags, security, querystring: ListMessagesQuery,
      summary: 'Outbox messages in your scope with their delivery status (queued, sending, sent, delivered, failed), newest first; recipients masked',
      response: { 200: pageOf(NotificationMessage), ...errorResponses(400, 401, 403) },
    },
  }, async (request) => listMessages(ctx.db, actorOf(request), request.query));

  app.post('/api/v1/notifications/:id/retry', {
    ...secured,
    schema: {
      tags, security, params: MessageParams,
      summary: 'Send a failed message again (back in the queue with its attempts reset); audited',
      response: { 200: NotificationMessage, ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request) => retryMessage(ctx.db, actorOf(request), request.params.id));

  app.post('/api/v1/notifications/sms/reports', {
    schema: {
      tags, body: DeliveryReportBody, querystring: Type.Object({ secret: Type.Optional(Type.String()) }),
      headers: Type.Object({ 'x-vigil-report-secret': Type.Optional(Type.String()) }),
      summary: 'Delivery report of the SMS gateway, with the shared secret in X-Vigil-Report-Secret (or ?secret=)',
      response: { 200: DeliveryReportResult, ...errorResponses(400, 401, 404) },
    },
  }, async (request) => reportDelivery(ctx.db, config.smsReportSecret, request.headers['x-vigil-report-secret'] ?? request.query.secret, request.body));

  app.get('/api/v1/notifications/push/key', {
    schema: { tags, summary: 'The VAPID public key the app subscribes with (applicationServerKey)', response: { 200: VapidKey } },
  }, async () => ({ publicKey: (await (keys ??= vapidKeys(ctx.db))).publicKey }));

  // one browser renews its subscription now and then; the endpoint is the subject
  const pushLimits = publicLimits(app, { group: 'push', perSubject: 10, subjectOf: (request) => (request.body as { endpoint?: string } | undefined)?.endpoint });
  app.post('/api/v1/notifications/push/subscriptions', {
    preHandler: pushLimits,
    schema: {
      tags, body: SubscribeBody,
      summary: 'Subscribe this browser to notices (PushSubscription.toJSON() plus, optionally, the personal code); again from the same browser renews it',
      response: { 200: SubscribeResult, 201: SubscribeResult, ...errorResponses(400, 429) },
    },
  }, async (request, reply) => {
    const { created, ...result } = await subscribe(ctx.db, request.body, config.pushAllowHttp);
    return reply.status(created ? 201 : 200).send(result);
  });

  app.delete('/api/v1/notifications/push/subscriptions', {
    preHandler: pushLimits,
    schema: { tags, body: UnsubscribeBody, summary: 'Unsubscribe this browser (by its endpoint)', response: { 204: Type.Null(), ...errorResponses(400) } },
  }, async (request, reply) => {
    await unsubscribe(ctx.db, request.body.endpoint);
    return reply.status(204).send(null);
  });
}
