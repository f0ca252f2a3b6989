import type { Queryable } from '../../db/database.js';
import type { Attachment, AnnouncementKind, AnnouncementStatus } from './schema.js';

export interface AnnouncementRow {
  id: string;
  kind: AnnouncementKind;
  title: string;
  body_markdown: string;
  body_html: string;
  issuing_body: string;
  document_number: string | null;
  document_date: string | null;
  unit_code: string;
  unit_name: string;
  status: AnnouncementStatus;
  published_at: Date | null;
  withdrawn_at: Date | null;
  withdrawn_reason: string | null;
  updated_at: Date;
  attachment_count: number;
}

const COLUMNS = `a.id, a.kind, a.title, a.body_markdown, a.body_html, a.issuing_body, a.document_number, a.document_date, a.unit_code,
  u.name AS unit_name, a.status, a.published_at, a.withdrawn_at, a.withdrawn_reason, a.updated_at,
  (SELECT count(*)::int FROM announcement_attachments f WHERE f.announcement_id = a.id) AS attachment_count`;
const FROM = 'announcements a JOIN units u ON u.code = a.unit_code';

export interface AnnouncementValues {
  kind: AnnouncementKind;
  title: string;
  bodyMarkdown: string;
  bodyHtml: string;
  searchText: string;
  issuingBody: string;
  documentNumber: string | null;
  documentDate: string | null;
  unitCode: string;
}
const params = (v: AnnouncementValues) => [v.kind, v.title, v.bodyMarkdown, v.bodyHtml, v.searchText, v.issuingBody, v.documentNumber, v.documentDate, v.unitCode];

export async function insertAnnouncement(tx: Queryable, values: AnnouncementValues, userId: string): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO announcements (kind, title, body_markdown, body_html, search_text, issuing_body, document_number, document_date, unit_code, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [...params(values), userId],
  );
  return row!.id;
}

export async function updateAnnouncement(tx: Queryable, id: string, values: AnnouncementValues): Promise<void> {
  await tx.query(
    `UPDATE announcements SET kind = $2, title = $3, body_markdown = $4, body_html = $5, search_text = $6, issuing_body = $7,
       document_number = $8, document_date = $9, unit_code = $10, updated_at = now() WHERE id = $1`,
    [id, ...params(values)],
  );
}

export async function setStatus(tx: Queryable, id: string, status: AnnouncementStatus, reason: string | null): Promise<void> {
  await tx.query(
    `UPDATE announcements SET status = $2,
       published_at = CASE WHEN $2 = 'published' THEN now() ELSE published_at END,
       withdrawn_at = CASE WHEN $2 = 'withdrawn' THEN now() ELSE NULL END,
       withdrawn_reason = CASE WHEN $2 = 'withdrawn' THEN $3 ELSE NULL END, updated_at = now()
     WHERE id = $1`,
    [id, status, reason],
  );
}

/** One announcement; `visible` limits it to what the public sees, `scope` to a staff member's units. */
export async function findAnnouncement(db: Queryable, id: string, filter: { publicOnly?: boolean; scope?: string | null; lock?: boolean }): Promise<AnnouncementRow | null> {
  const [row] = await db.query<AnnouncementRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE a.id = $1
       AND (NOT $2 OR a.status <> 'draft') AND ($3::text IS NULL OR $3 = ANY (u.path))${filter.lock ? ' FOR UPDATE OF a' : ''}`,
    [id, filter.publicOnly ?? false, filter.scope ?? null],
  );
  return row ?? null;
}

export interface ListFilter {
  statuses: AnnouncementStatus[];
  folded: string | null;
  kind: AnnouncementKind | null;
  unitCode: string | null;
  scope: string | null;
  from: string | null;
  to: string | null;
}

export async function listAnnouncements(db: Queryable, filter: ListFilter, limit: number, offset: number): Promise<{ rows: AnnouncementRow[]; total: number }> {
  const where = `a.status = ANY ($1::text[]) AND ($2::text IS NULL OR a.search_text LIKE '%' || $2 || '%') AND ($3::text IS NULL OR a.kind = $3)
    AND ($4::text IS NULL OR $4 = ANY (u.path)) AND ($5::text IS NULL OR $5 = ANY (u.path))
    AND ($6::date IS NULL OR coalesce(a.document_date, (a.published_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date) >= $6)
    AND ($7::date IS NULL OR coalesce(a.document_date, (a.published_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date) <= $7)`;
  const values = [filter.statuses, filter.folded, filter.kind, filter.unitCode, filter.scope, filter.from, filter.to];
  const [count] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${FROM} WHERE ${where}`, values);
  const rows = await db.query<AnnouncementRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE ${where} ORDER BY a.published_at DESC NULLS FIRST, a.updated_at DESC, a.id LIMIT $8 OFFSET $9`,
    [...values, limit, offset],
  );
  return { rows, total: count?.n ?? 0 };
}

export async function attachmentsOf(db: Queryable, announcementId: string): Promise<Omit<Attachment, 'url'>[]> {
  return db.query(
    `SELECT id, filename, size_bytes AS "sizeBytes", sha256 FROM announcement_attachments WHERE announcement_id = $1 ORDER BY created_at, id`,
    [announcementId],
  );
}

export async function insertAttachment(tx: Queryable, announcementId: string, filename: string, content: Buffer, sha256: string): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO announcement_attachments (announcement_id, filename, size_bytes, sha256, content) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [announcementId, filename, content.length, sha256, content],
  );
  return row!.id;
}

export async function attachmentContent(db: Queryable, announcementId: string, id: string): Promise<{ filename: string; content: Buffer } | null> {
  const [row] = await db.query<{ filename: string; content: Uint8Array }>(
    'SELECT filename, content FROM announcement_attachments WHERE announcement_id = $1 AND id = $2',
    [announcementId, id],
  );
  return row ? { filename: row.filename, content: Buffer.from(row.content) } : null;
}

export async function deleteAttachment(tx: Queryable, announcementId: string, id: string): Promise<boolean> {
  const rows = await tx.query('DELETE FROM announcement_attachments WHERE announcement_id = $1 AND id = $2 RETURNING id', [announcementId, id]);
  return rows.length > 0;
}
