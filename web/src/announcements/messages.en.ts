// English of announcements/messages.ts: part of the English chunk, fetched only when English is chosen (i18n/index.tsx).
import type { announcementsVi } from './messages';

export const announcementsEn: Record<keyof typeof announcementsVi, string> = {
  'ann.title': 'Announcements and documents',
  'ann.feed': 'Atom feed',
  'ann.searchHint': 'Title, number, issuing body…',
  'ann.kind': 'Kind',
  'ann.allKinds': 'All',
  'ann.kind.press_release': 'Press release',
  'ann.kind.directive': 'Directive',
  'ann.kind.decision': 'Decision',
  'ann.kind.notice': 'Notice',
  'ann.kind.document': 'Document',
  'ann.from': 'From',
  'ann.to': 'To',
  'ann.none': 'No announcements.',
  'ann.attachmentCount': '{count} attachment(s)',
  'ann.back': 'All announcements',
  'ann.withdrawn': 'Withdrawn on {date}.',
  'ann.publishedAt': 'Published {date}',
  'ann.attachments': 'Attachments',
};
