// Request and response shapes of the notification routes (contract: docs/API-NOTIFICATIONS.md).
import { Type, type Static } from 'typebox';
import { PageQuery } from '../../platform/pagination.js';
import { CHANNELS } from './config.js';
import { TEMPLATE_NAMES } from './templates.js';
import { Nullable } from '../../platform/schemas.js';

const Instant = Type.String({ format: 'date-time' });

export const STATUSES = ['queued', 'sending', 'sent', 'delivered', 'failed'] as const;
export type Status = (typeof STATUSES)[number];

export const NotificationMessage = Type.Object({
  id: Type.String({ format: 'uuid' }),
  channel: Type.Enum(CHANNELS),
  recipient: Type.String({ description: 'masked: the last digits of a phone, the first letter and domain of an address, a push subscription id' }),
  personId: Nullable(Type.String({ format: 'uuid' })),
  unitCode: Nullable(Type.String({ description: 'the unit whose staff see it: the person\'s commune, or the unit given when there is no person' })),
  template: Type.String(),
  locale: Type.Enum(['vi', 'en']),
  status: Type.Enum(STATUSES),
  attempts: Type.Integer(),
  nextAttemptAt: Nullable(Type.String({ format: 'date-time', description: 'queued: the next try; sending: when the worker\'s lease ends' })),
  lastError: Nullable(Type.String()),
  providerRef: Nullable(Type.String()),
  createdAt: Instant,
  sentAt: Nullable(Instant),
  deliveredAt: Nullable(Instant),
  failedAt: Nullable(Instant),
});
export type NotificationMessage = Static<typeof NotificationMessage>;

export const ListMessagesQuery = Type.Object({
  status: Type.Optional(Type.Enum(STATUSES)),
  channel: Type.Optional(Type.Enum(CHANNELS)),
  template: Type.Optional(Type.Enum(TEMPLATE_NAMES)),
  personId: Type.Optional(Type.String({ format: 'uuid' })),
  ...PageQuery,
}, { additionalProperties: false });
export type ListMessagesQuery = Static<typeof ListMessagesQuery>;

export const MessageParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const DeliveryReportBody = Type.Object({
  id: Type.Optional(Type.String({ format: 'uuid', description: 'the outbox message id the gateway received as {{id}} / Idempotency-Key' })),
  reference: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'or the gateway\'s own message id, as it answered when accepting the message' })),
  status: Type.Enum(['delivered', 'failed']),
  error: Type.Optional(Type.String({ maxLength: 500 })),
}, { additionalProperties: true });
export type DeliveryReportBody = Static<typeof DeliveryReportBody>;

export const DeliveryReportResult = Type.Object({ id: Type.String({ format: 'uuid' }), status: Type.Enum(STATUSES) });

export const SubscribeBody = Type.Object({
  endpoint: Type.String({ minLength: 1, maxLength: 2048, description: 'PushSubscription.endpoint' }),
  keys: Type.Object({
    p256dh: Type.String({ minLength: 1, maxLength: 200 }),
    auth: Type.String({ minLength: 1, maxLength: 100 }),
  }),
  locale: Type.Optional(Type.Enum(['vi', 'en'])),
  personCode: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'the personal code the app keeps: links the device to its person' })),
}, { additionalProperties: true });
export type SubscribeBody = Static<typeof SubscribeBody>;

export const SubscribeResult = Type.Object({ id: Type.String({ format: 'uuid' }), personLinked: Type.Boolean() });
export const UnsubscribeBody = Type.Object({ endpoint: Type.String({ minLength: 1, maxLength: 2048 }) });
export const VapidKey = Type.Object({ publicKey: Type.String({ description: 'base64url; PushManager.subscribe({applicationServerKey})' }) });
