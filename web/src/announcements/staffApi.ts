// Staff calls of the announcements domain: drafts, publish, withdraw, PDF attachments.
import { request } from '../lib/api';
import { sendRaw } from '../places/api';
import type { Announcement, AnnouncementKind, AnnouncementQuery, AnnouncementSummary, Attachment, Page } from './api';

export interface AnnouncementInput {
  kind: AnnouncementKind;
  title: string;
  bodyMarkdown: string;
  issuingBody: string;
  documentNumber?: string | null;
  documentDate?: string | null;
  unitCode: string;
}

export const listStaffAnnouncements = (query: AnnouncementQuery, signal?: AbortSignal) =>
  request<Page<AnnouncementSummary>>('/api/v1/announcements/staff', { query: { ...query }, signal });
export const getStaffAnnouncement = (id: string, signal?: AbortSignal) => request<Announcement>(`/api/v1/announcements/staff/${id}`, { signal });
export const createAnnouncement = (body: AnnouncementInput) => request<Announcement>('/api/v1/announcements', { method: 'POST', body });
export const updateAnnouncement = (id: string, body: Partial<AnnouncementInput>) => request<Announcement>(`/api/v1/announcements/${id}`, { method: 'PATCH', body });
export const publishAnnouncement = (id: string) => request<Announcement>(`/api/v1/announcements/${id}/publish`, { method: 'POST', body: {} });
export const withdrawAnnouncement = (id: string, reason: string) => request<Announcement>(`/api/v1/announcements/${id}/withdraw`, { method: 'POST', body: { reason } });
export const uploadAttachment = (id: string, file: File) =>
  sendRaw<Attachment>(`/api/v1/announcements/${id}/attachments?filename=${encodeURIComponent(file.name)}`, 'application/pdf', file);
export const deleteAttachment = (id: string, attachmentId: string) => request<undefined>(`/api/v1/announcements/${id}/attachments/${attachmentId}`, { method: 'DELETE' });
