// Announcements and documents: the public list and detail, and the staff editor's calls.
import { request } from '../lib/api';

export const ANNOUNCEMENT_KINDS = ['press_release', 'directive', 'decision', 'notice', 'document'] as const;
export type AnnouncementKind = (typeof ANNOUNCEMENT_KINDS)[number];
export type AnnouncementStatus = 'draft' | 'published' | 'withdrawn';

export interface AnnouncementSummary {
  id: string;
  kind: AnnouncementKind;
  title: string;
  issuingBody: string;
  documentNumber: string | null;
  documentDate: string | null;
  unitCode: string;
  unitName: string;
  status: AnnouncementStatus;
  publishedAt: string | null;
  withdrawnAt: string | null;
  withdrawnReason: string | null;
  updatedAt: string;
  excerpt: string;
  attachmentCount: number;
}

export interface Attachment {
  id: string;
  filename: string;
  sizeBytes: number;
  sha256: string;
  url: string;
}

export interface Announcement extends Omit<AnnouncementSummary, 'excerpt' | 'attachmentCount'> {
  bodyMarkdown: string;
  bodyHtml: string;
  attachments: Attachment[];
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface AnnouncementQuery {
  q?: string;
  kind?: string;
  from?: string;
  to?: string;
  status?: string;
  limit?: number;
  offset?: number;
}

export const listAnnouncements = (query: AnnouncementQuery, signal?: AbortSignal) =>
  request<Page<AnnouncementSummary>>('/api/v1/announcements', { query: { ...query }, signal });
export const getAnnouncement = (id: string, signal?: AbortSignal) => request<Announcement>(`/api/v1/announcements/${encodeURIComponent(id)}`, { signal });

export const FEED_URL = '/api/v1/announcements/feed.atom';
