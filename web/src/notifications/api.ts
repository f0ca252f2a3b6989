// The notification outbox as staff see it (contract: docs/API-NOTIFICATIONS.md).
import { request } from '../lib/api';
import type { Page } from '../people/api';

export const MESSAGE_STATUSES = ['queued', 'sending', 'sent', 'delivered', 'failed'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];
export const CHANNELS = ['sms', 'email', 'webpush'] as const;
export type Channel = (typeof CHANNELS)[number];

export const TEMPLATES = ['exposure_notice', 'test_result', 'test_order', 'quarantine_order', 'vaccination_reminder', 'vaccination_invitation', 'vaccination_booked', 'vaccination_session_cancelled', 'case_proposal_alert', 'testing_round_reminder'] as const;
export type Template = (typeof TEMPLATES)[number];

export interface OutboxMessage {
  id: string;
  channel: Channel;
  /** masked by the server */
  recipient: string;
  personId: string | null;
  unitCode: string | null;
  template: Template;
  locale: 'vi' | 'en';
  status: MessageStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  providerRef: string | null;
  createdAt: string;
  sentAt: string | null;
  deliveredAt: string | null;
  failedAt: string | null;
}

export interface MessageFilter {
  status?: MessageStatus;
  channel?: Channel;
  limit: number;
  offset: number;
}

export function listMessages(filter: MessageFilter, signal?: AbortSignal) {
  const query = new URLSearchParams({ limit: String(filter.limit), offset: String(filter.offset) });
  if (filter.status) query.set('status', filter.status);
  if (filter.channel) query.set('channel', filter.channel);
  return request<Page<OutboxMessage>>(`/api/v1/notifications?${query.toString()}`, { signal });
}

export const retryMessage = (id: string) => request<OutboxMessage>(`/api/v1/notifications/${id}/retry`, { method: 'POST', body: {} });
