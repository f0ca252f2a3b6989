import { Type, type Static } from 'typebox';
import { PageQuery } from '../../platform/pagination.js';
import { Nullable } from '../../platform/schemas.js';

const DateText = Type.String({ format: 'date', description: 'YYYY-MM-DD' });

export const ANNOUNCEMENT_KINDS = ['press_release', 'directive', 'decision', 'notice', 'document'] as const;
export const AnnouncementKind = Type.Enum(ANNOUNCEMENT_KINDS, { description: 'thông cáo báo chí, chỉ thị, quyết định, thông báo, văn bản khác' });
export type AnnouncementKind = (typeof ANNOUNCEMENT_KINDS)[number];
export const AnnouncementStatus = Type.Enum(['draft', 'published', 'withdrawn'] as const);
export type AnnouncementStatus = Static<typeof AnnouncementStatus>;

export const Attachment = Type.Object({
  id: Type.String({ format: 'uuid' }),
  filename: Type.String(),
  sizeBytes: Type.Integer(),
  sha256: Type.String(),
  url: Type.String({ description: 'where the PDF is downloaded (public once the announcement is published)' }),
});
export type Attachment = Static<typeof Attachment>;

const common = {
  id: Type.String({ format: 'uuid' }),
  kind: AnnouncementKind,
  title: Type.String(),
  issuingBody: Type.String(),
  documentNumber: Nullable(Type.String()),
  documentDate: Nullable(Type.String()),
  unitCode: Type.String(),
  unitName: Type.String(),
  status: AnnouncementStatus,
  publishedAt: Nullable(Type.String({ format: 'date-time' })),
  withdrawnAt: Nullable(Type.String({ format: 'date-time' })),
  withdrawnReason: Nullable(Type.String()),
  updatedAt: Type.String({ format: 'date-time' }),
};

export const Announcement = Type.Object(
  {
    ...common,
    bodyMarkdown: Type.String(),
    bodyHtml: Type.String({ description: 'the Markdown rendered and sanitised on the server: safe to insert as HTML' }),
    attachments: Type.Array(Attachment),
  },
  { description: 'A press release, directive or other document' },
);
export type Announcement = Static<typeof Announcement>;

export const AnnouncementSummary = Type.Object({ ...common, excerpt: Type.String({ description: 'the start of the body as plain text' }), attachmentCount: Type.Integer() });
export type AnnouncementSummary = Static<typeof AnnouncementSummary>;

const fields = {
  kind: AnnouncementKind,
  title: Type.String({ minLength: 1, maxLength: 300 }),
  bodyMarkdown: Type.String({ maxLength: 200_000 }),
  issuingBody: Type.String({ minLength: 1, maxLength: 300, description: 'e.g. UBND tỉnh Hậu Giang; Ban Chỉ đạo phòng, chống dịch COVID-19 tỉnh' }),
  documentNumber: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  documentDate: Type.Optional(Nullable(DateText)),
  unitCode: Type.String({ pattern: '^[0-9]{2,5}$', description: 'the unit it concerns (scope)' }),
};
export const CreateAnnouncementBody = Type.Object(fields, { additionalProperties: false });
export type CreateAnnouncementBody = Static<typeof CreateAnnouncementBody>;
export const UpdateAnnouncementBody = Type.Partial(Type.Object(fields), { additionalProperties: false, minProperties: 1 });
export type UpdateAnnouncementBody = Static<typeof UpdateAnnouncementBody>;
export const WithdrawBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 1000 }) }, { additionalProperties: false });

export const AnnouncementParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
export const AttachmentParams = Type.Object({ id: Type.String({ format: 'uuid' }), attachmentId: Type.String({ format: 'uuid' }) });
export const UploadQuery = Type.Object({ filename: Type.String({ minLength: 1, maxLength: 200, pattern: '^[^/\\\\]+$', description: 'the file name shown to readers' }) });

export const ListAnnouncementsQuery = Type.Object({
  ...PageQuery,
  q: Type.Optional(Type.String({ maxLength: 200, description: 'words of the title, number, issuing body or body (diacritics and case ignored)' })),
  kind: Type.Optional(AnnouncementKind),
  unitCode: Type.Optional(Type.String({ pattern: '^[0-9]{2,5}$', description: 'a unit: announcements about it and the units below it' })),
  from: Type.Optional(DateText),
  to: Type.Optional(DateText),
  includeWithdrawn: Type.Optional(Type.Boolean()),
});
export type ListAnnouncementsQuery = Static<typeof ListAnnouncementsQuery>;
export const StaffListQuery = Type.Object({ ...ListAnnouncementsQuery.properties, status: Type.Optional(AnnouncementStatus) });
export type StaffListQuery = Static<typeof StaffListQuery>;
