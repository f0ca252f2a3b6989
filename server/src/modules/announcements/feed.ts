// The Atom feed (RFC 4287) of published announcements, written with careful XML escaping.
import type { Announcement } from './schema.js';

const escapeXml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!)
    // characters XML 1.0 does not allow at all
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, ''); // eslint-disable-line no-control-regex

export function atomFeed(entries: Announcement[], baseUrl: string, title: string): string {
  const self = `${baseUrl}/api/v1/announcements/feed.atom`;
  const updated = entries.reduce((max, e) => (e.updatedAt > max ? e.updatedAt : max), new Date(0).toISOString());
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">',
    `  <id>${escapeXml(self)}</id>`,
    `  <title>${escapeXml(title)}</title>`,
    `  <updated>${updated}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(self)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(`${baseUrl}/announcements`)}"/>`,
    '  <author><name>Vigil</name></author>',
  ];
  for (const entry of entries) {
    const link = `${baseUrl}/announcements/${entry.id}`;
    const number = entry.documentNumber ? ` (${entry.documentNumber})` : '';
    lines.push(
      '  <entry>',
      `    <id>urn:uuid:${entry.id}</id>`,
      `    <title>${escapeXml(entry.title + number)}</title>`,
      `    <published>${entry.publishedAt ?? entry.updatedAt}</published>`,
      `    <updated>${entry.updatedAt}</updated>`,
      `    <author><name>${escapeXml(entry.issuingBody)}</name></author>`,
      `    <link rel="alternate" type="text/html" href="${escapeXml(link)}"/>`,
      ...entry.attachments.map((a) => `    <link rel="enclosure" type="application/pdf" length="${a.sizeBytes}" title="${escapeXml(a.filename)}" href="${escapeXml(baseUrl + a.url)}"/>`),
      `    <category term="${escapeXml(entry.kind)}"/>`,
      `    <content type="html">${escapeXml(entry.bodyHtml)}</content>`,
      '  </entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}
