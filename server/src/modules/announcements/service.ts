// Announcements: staff write drafts in their scope, publish and withdraw them (audited); the
// public reads what was published (a withdrawn one stays readable, marked withdrawn).
import { createHash } from 'node:crypto';
import type { Database, Queryable } from '../../db/database.js';
import { type Actor, requirePermission } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { conflict, notFound, validationFailed } from '../../platform/errors.js';
import type { Page } from '../../platform/pagination.js';
import { unitInScope } from '../../platform/scope.js';
import { foldName } from '../people/fold.js';
import { ANNOUNCEMENTS_EDIT, ANNOUNCEMENTS_PUBLISH } from './permissions.js';
import { excerptOf, renderMarkdown } from './render.js';
import * as repo from './repository.js';
import type {
  Announcement, AnnouncementStatus, AnnouncementSummary, Attachment, CreateAnnouncementBody, ListAnnouncementsQuery, StaffListQuery, UpdateAnnouncementBody,
} from './schema.js';

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
const attachmentUrl = (announcementId: string, id: string) => `/api/v1/announcements/${announcementId}/attachments/${id}`;

function summary(row: repo.AnnouncementRow): AnnouncementSummary {
  return {
    id: row.id, kind: row.kind, title: row.title, issuingBody: row.issuing_body, documentNumber: row.document_number, documentDate: row.document_date,
    unitCode: row.unit_code, unitName: row.unit_name, status: row.status, publishedAt: row.published_at?.toISOString() ?? null,
    withdrawnAt: row.withdrawn_at?.toISOString() ?? null, withdrawnReason: row.withdrawn_reason, updatedAt: row.updated_at.toISOString(),
    excerpt: excerptOf(row.body_html), attachmentCount: row.attachment_count,
  };
}

async function present(db: Queryable, row: repo.AnnouncementRow): Promise<Announcement> {
  const { excerpt: _e, attachmentCount: _c, ...fields } = summary(row);
  const attachments: Attachment[] = (await repo.attachmentsOf(db, row.id)).map((a) => ({ ...a, url: attachmentUrl(row.id, a.id) }));
  return { ...fields, bodyMarkdown: row.body_markdown, bodyHtml: row.body_html, attachments };
}

const audited = (a: Announcement) => ({ kind: a.kind, title: a.title, bodyMarkdown: a.bodyMarkdown, issuingBody: a.issuingBody, documentNumber: a.documentNumber, documentDate: a.documentDate, unitCode: a.unitCode, status: a.status });

async function valuesOf(db: Queryable, actor: Actor, input: CreateAnnouncementBody): Promise<repo.AnnouncementValues> {
  const [unit] = await db.query('SELECT 1 FROM units WHERE code = $1', [input.unitCode]);
  if (!unit) throw validationFailed({ unitCode: `unknown unit code ${input.unitCode}` });
  if (!(await unitInScope(db, actor, input.unitCode))) throw validationFailed({ unitCode: 'is outside your scope' });
  const bodyHtml = renderMarkdown(input.bodyMarkdown);
  return {
    kind: input.kind, title: input.title.trim(), bodyMarkdown: input.bodyMarkdown, bodyHtml, issuingBody: input.issuingBody.trim(),
    documentNumber: input.documentNumber ?? null, documentDate: input.documentDate ?? null, unitCode: input.unitCode,
    searchText: foldName([input.title, input.documentNumber ?? '', input.issuingBody, excerptOf(bodyHtml, 100_000)].join(' ')),
  };
}

export async function createAnnouncement(db: Database, actor: Actor, input: CreateAnnouncementBody): Promise<Announcement> {
  requirePermission(actor, ANNOUNCEMENTS_EDIT);
  return db.transaction(async (tx) => {
    const id = await repo.insertAnnouncement(tx, await valuesOf(tx, actor, input), actor.userId);
    const created = await present(tx, (await repo.findAnnouncement(tx, id, {}))!);
    await audit(tx, actor, { action: 'create', entity: 'announcement', entityId: id, before: null, after: audited(created) });
    return created;
  });
}

async function editable(tx: Queryable, actor: Actor, id: string): Promise<Announcement> {
  const row = await repo.findAnnouncement(tx, id, { scope: actor.unitCode, lock: true });
  if (!row) throw notFound('announcement');
  return present(tx, row);
}

export async function updateAnnouncement(db: Database, actor: Actor, id: string, patch: UpdateAnnouncementBody): Promise<Announcement> {
  requirePermission(actor, ANNOUNCEMENTS_EDIT);
  return db.transaction(async (tx) => {
    const before = await editable(tx, actor, id);
    if (before.status === 'withdrawn') throw conflict('a withdrawn announcement cannot be edited; write a new one');
    await repo.updateAnnouncement(tx, id, await valuesOf(tx, actor, { ...before, ...patch }));
    const after = await present(tx, (await repo.findAnnouncement(tx, id, {}))!);
    await audit(tx, actor, { action: 'update', entity: 'announcement', entityId: id, before: audited(before), after: audited(after) });
    return after;
  });
}

const TRANSITIONS: Record<'published' | 'withdrawn', AnnouncementStatus> = { published: 'draft', withdrawn: 'published' };

/** draft → published, published → withdrawn (with the reason); anything else answers 409. */
export async function changeStatus(db: Database, actor: Actor, id: string, status: 'published' | 'withdrawn', reason: string | null): Promise<Announcement> {
  requirePermission(actor, ANNOUNCEMENTS_PUBLISH);
  return db.transaction(async (tx) => {
    const before = await editable(tx, actor, id);
    if (before.status !== TRANSITIONS[status]) throw conflict(`only a ${TRANSITIONS[status]} announcement can become ${status}; this one is ${before.status}`, { status: `is ${before.status}` });
    await repo.setStatus(tx, id, status, reason);
    const after = await present(tx, (await repo.findAnnouncement(tx, id, {}))!);
    await audit(tx, actor, { action: status === 'published' ? 'publish' : 'withdraw', entity: 'announcement', entityId: id, reason, before: { status: before.status }, after: { status } });
    return after;
  });
}

export async function addAttachment(db: Database, actor: Actor, id: string, filename: string, content: Buffer): Promise<Attachment> {
  requirePermission(actor, ANNOUNCEMENTS_EDIT);
  if (content.length === 0) throw validationFailed({ body: 'is empty' });
  if (content.length > MAX_ATTACHMENT_BYTES) throw validationFailed({ body: `is larger than ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB` });
  // A PDF starts with "%PDF-" (the header may follow up to 1 KB of other bytes, which readers accept).
  if (!content.subarray(0, 1024).includes(Buffer.from('%PDF-'))) throw validationFailed({ body: 'is not a PDF file (no %PDF- header)' });
  const name = /\.pdf$/i.test(filename) ? filename : `${filename}.pdf`;
  return db.transaction(async (tx) => {
    const announcement = await editable(tx, actor, id);
    if (announcement.status === 'withdrawn') throw conflict('a withdrawn announcement cannot change');
    const sha256 = createHash('sha256').update(content).digest('hex');
    const attachmentId = await repo.insertAttachment(tx, id, name, content, sha256);
    await audit(tx, actor, { action: 'attach', entity: 'announcement', entityId: id, detail: { attachmentId, filename: name, sizeBytes: content.length, sha256 } });
    return { id: attachmentId, filename: name, sizeBytes: content.length, sha256, url: attachmentUrl(id, attachmentId) };
  });
}

export async function removeAttachment(db: Database, actor: Actor, id: string, attachmentId: string): Promise<void> {
  requirePermission(actor, ANNOUNCEMENTS_EDIT);
  await db.transaction(async (tx) => {
    const announcement = await editable(tx, actor, id);
    if (announcement.status === 'withdrawn') throw conflict('a withdrawn announcement cannot change');
    if (!(await repo.deleteAttachment(tx, id, attachmentId))) throw notFound('attachment');
    await audit(tx, actor, { action: 'detach', entity: 'announcement', entityId: id, detail: { attachmentId } });
  });
}

// Reads.

function listFilter(query: ListAnnouncementsQuery, statuses: AnnouncementStatus[], scope: string | null): repo.ListFilter {
  return {
    statuses, folded: query.q?.trim() ? foldName(query.q) : null, kind: query.kind ?? null, unitCode: query.unitCode ?? null,
    scope, from: query.from ?? null, to: query.to ?? null,
  };
}

export async function listPublished(db: Database, query: ListAnnouncementsQuery): Promise<Page<AnnouncementSummary>> {
  const limit = query.limit ?? 50;
  const offset = query.offset ?? 0;
  const { rows, total } = await repo.listAnnouncements(db, listFilter(query, query.includeWithdrawn ? ['published', 'withdrawn'] : ['published'], null), limit, offset);
  return { items: rows.map(summary), total, limit, offset };
}

export async function listForStaff(db: Database, actor: Actor, query: StaffListQuery): Promise<Page<AnnouncementSummary>> {
  requirePermission(actor, ANNOUNCEMENTS_EDIT);
  const limit = query.limit ?? 50;
  const offset = query.offset ?? 0;
  const statuses: AnnouncementStatus[] = query.status ? [query.status] : ['draft', 'published', 'withdrawn'];
  const { rows, total } = await repo.listAnnouncements(db, listFilter(query, statuses, actor.unitCode), limit, offset);
  return { items: rows.map(summary), total, limit, offset };
}

export async function getPublished(db: Database, id: string): Promise<Announcement> {
  const row = await repo.findAnnouncement(db, id, { publicOnly: true });
  if (!row) throw notFound('announcement');
  return present(db, row);
}

export async function getForStaff(db: Database, actor: Actor, id: string): Promise<Announcement> {
  requirePermission(actor, ANNOUNCEMENTS_EDIT);
  const row = await repo.findAnnouncement(db, id, { scope: actor.unitCode });
  if (!row) throw notFound('announcement');
  return present(db, row);
}

/** A PDF of a published (or withdrawn) announcement. */
export async function publicAttachment(db: Database, id: string, attachmentId: string) {
  if (!(await repo.findAnnouncement(db, id, { publicOnly: true }))) throw notFound('attachment');
  const file = await repo.attachmentContent(db, id, attachmentId);
  if (!file) throw notFound('attachment');
  return file;
}

/** The latest published announcements with their bodies, for the Atom feed. */
export async function feedEntries(db: Database, limit = 50): Promise<Announcement[]> {
  const { rows } = await repo.listAnnouncements(db, listFilter({}, ['published'], null), limit, 0);
  return Promise.all(rows.map((row) => present(db, row)));
}
