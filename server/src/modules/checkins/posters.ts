// Printable A4 venue posters (PDF): the venue's signed QR code, its name and address, and short
// instructions in Vietnamese. Also the PDF pieces the personal card (card.ts) shares: the embedded
// Vietnamese font, vector QR drawing and the print date.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { Config } from '../../config.js';
import type { Queryable } from '../../db/database.js';
import { type Actor, requirePermission } from '../../platform/actor.js';
import { conflict, notFound, validationFailed } from '../../platform/errors.js';
import { scopeParam, unitInScope, unitInScopeSql } from '../../platform/scope.js';
import { foldName } from '../people/fold.js';
import { codeSigner } from './codes.js';
import { VENUES_EDIT } from './permissions.js';
import type { VenueKind } from './schema.js';
import { venueUrl } from './venues.js';

export interface PdfFile {
  filename: string;
  content: Buffer;
}

// Be Vietnam Pro (SIL OFL 1.1) from npm: drawn for Vietnamese, so every stacked mark (ặ, ễ, ữ) is
// designed rather than composed. pdfkit embeds only the glyphs a document uses.
const FONT_FILES = { regular: '400Regular', medium: '500Medium', bold: '700Bold', italic: '400Regular_Italic' } as const;
type FontName = keyof typeof FONT_FILES;
let fontCache: Record<FontName, Buffer> | undefined;

function fonts(): Record<FontName, Buffer> {
  if (!fontCache) {
    const require = createRequire(import.meta.url);
    const read = (style: string) => fs.readFileSync(require.resolve(`@expo-google-fonts/be-vietnam-pro/${style}/BeVietnamPro_${style}.ttf`));
    fontCache = { regular: read(FONT_FILES.regular), medium: read(FONT_FILES.medium), bold: read(FONT_FILES.bold), italic: read(FONT_FILES.italic) };
  }
  return fontCache;
}

export type Doc = PDFKit.PDFDocument;

/** Builds a PDF: `draw` adds the pages; resolves with the whole file. */
export function renderPdf(title: string, draw: (doc: Doc) => void): Promise<Buffer> {
  const doc = new PDFDocument({ autoFirstPage: false, margin: 0, lang: 'vi-VN', info: { Title: title, Author: 'Vigil', Creator: 'Vigil' } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  for (const [name, file] of Object.entries(fonts())) doc.registerFont(name, file);
  draw(doc);
  doc.end();
  return done;
}

/**
 * Draws a QR code as vector squares (sharp at any printer resolution) on a white square of
 * `size` points that includes the 4-module quiet zone scanners need.
 */
export function drawQr(doc: Doc, text: string, x: number, y: number, size: number, level: 'M' | 'Q'): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: level });
  const n = modules.size;
  const cell = size / (n + 8);
  doc.save().rect(x, y, size, size).fill('#ffffff');
  // One path of row runs, filled once: no hairline seams between neighbouring squares.
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; ) {
      if (!modules.data[row * n + col]) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && modules.data[row * n + col]) col++;
      doc.rect(x + (4 + start) * cell, y + (4 + row) * cell, (col - start) * cell, cell);
    }
  }
  doc.fill('#000000').restore();
}

/** Largest size from `max` down to `min` at which `text` fits `width` in `maxLines` lines. */
export function fitFontSize(doc: Doc, text: string, font: FontName, width: number, maxLines: number, max: number, min: number): number {
  for (let size = max; size > min; size -= 1) {
    doc.font(font).fontSize(size);
    if (doc.heightOfString(text, { width }) <= maxLines * doc.currentLineHeight(true) + 1) return size;
  }
  return min;
}

/** Today in Vietnam, as printed on paper: 05/06/2025. */
export function printDate(now = new Date()): string {
  return new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).format(now);
}

/** An ASCII file name from a Vietnamese one: "Chợ Vị Thanh" → "cho-vi-thanh". */
export function fileSlug(text: string): string {
  return foldName(text).replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'vigil';
}

// Venue posters.

const KIND_LABELS: Record<VenueKind, string> = {
  market: 'Chợ', shop: 'Cửa hàng', restaurant: 'Nhà hàng, quán ăn', school: 'Trường học', factory: 'Nhà máy, xí nghiệp',
  office: 'Văn phòng', place_of_worship: 'Cơ sở tôn giáo', bus_station: 'Bến xe', hospital: 'Cơ sở y tế',
  entry_checkpoint: 'Chốt kiểm soát', hotel: 'Khách sạn, nhà nghỉ', public_office: 'Cơ quan nhà nước', other: 'Địa điểm',
};

export interface PosterVenue {
  id: string;
  name: string;
  kind: VenueKind;
  address: string | null;
  status: 'active' | 'closed';
  codeVersion: number;
  defaultDwellMinutes: number;
  communeName: string;
  districtName: string | null;
}

const VENUE_COLUMNS = `v.id, v.name, v.kind, v.address, v.status, v.code_version AS "codeVersion",
  v.default_dwell_minutes AS "defaultDwellMinutes", u.name AS "communeName", d.name AS "districtName"`;
const VENUE_FROM = 'venues v JOIN units u ON u.code = v.commune_code LEFT JOIN units d ON d.code = u.parent_code';

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 42;

const HEADLINE = 'Quét mã QR bằng camera điện thoại\nđể khai báo khi đến và khi ra về';
const ENGLISH = 'Scan the QR code with your phone camera to check in and out. No app needed.';

const steps = (venue: PosterVenue) => [
  'Mở camera điện thoại, hướng vào mã QR rồi chạm vào đường dẫn hiện ra. Không cần cài ứng dụng.',
  'Lần đầu: nhập họ tên, số điện thoại (CCCD nếu có). Điện thoại ghi nhớ cho các lần sau.',
  `Chạm một lần để khai báo khi đến; chạm “Ra về” khi rời đi. Nếu quên, hệ thống tự ghi ra về sau ${venue.defaultDwellMinutes} phút.`,
  'Không có điện thoại thông minh? Đưa thẻ QR cá nhân hoặc CCCD để nhân viên quét giúp.',
];

function drawPoster(doc: Doc, venue: PosterVenue, url: string, printed: string): void {
  doc.addPage({ size: 'A4', margin: 0 });
  const width = A4.width - 2 * MARGIN;
  const stepWidth = width - 26;
  const center = (font: FontName, size: number, text: string, y: number, color = '#000000', lines = 2) => {
    doc.font(font).fontSize(size).fillColor(color);
    doc.text(text, MARGIN, y, { width, align: 'center', height: lines * doc.currentLineHeight(true), ellipsis: true });
    return doc.y;
  };

  // A black band with the one thing to do: readable from across a market.
  doc.rect(0, 0, A4.width, 92).fill('#000000');
  center('bold', 28, 'QUÉT MÃ QR ĐỂ KHAI BÁO', 20, '#ffffff', 1);
  center('medium', 14, 'khi đến và khi ra về  ·  Scan to check in', 58, '#ffffff', 1);

  // Top down: kind, name (shrunk to two lines), address, commune.
  let y = center('medium', 12, KIND_LABELS[venue.kind].toUpperCase(), 110, '#444444', 1);
  y = center('bold', fitFontSize(doc, venue.name, 'bold', width, 2, 28, 16), venue.name, y + 2) + 4;
  if (venue.address) y = center('regular', 12, venue.address, y, '#222222') + 1;
  y = center('regular', 12, [venue.communeName, venue.districtName].filter(Boolean).join(', '), y, '#222222', 1);

  // Bottom up: the footer, then the instructions measured at their real height.
  const footerY = A4.height - MARGIN;
  doc.font('bold').fontSize(16);
  let bottom = doc.heightOfString(HEADLINE, { width }) + 8;
  doc.font('regular').fontSize(12);
  for (const step of steps(venue)) bottom += doc.heightOfString(step, { width: stepWidth }) + 6;
  doc.font('italic').fontSize(10);
  bottom += doc.heightOfString(ENGLISH, { width }) + 4;
  const bottomTop = footerY - 16 - bottom;

  // The code in between: as large as fits (300 pt ≈ 10.6 cm at most), framed as the thing to scan.
  const qrTop = y + 22;
  const qrSize = Math.min(300, bottomTop - 34 - qrTop);
  const qrX = (A4.width - qrSize) / 2;
  doc.save().lineWidth(2).roundedRect(qrX - 8, qrTop - 8, qrSize + 16, qrSize + 16, 10).stroke('#000000').restore();
  drawQr(doc, url, qrX, qrTop, qrSize, 'Q');
  center('regular', 7.5, url, qrTop + qrSize + 12, '#555555', 1);

  y = center('bold', 16, HEADLINE, qrTop + qrSize + 34, '#000000') + 8;
  for (const [index, step] of steps(venue).entries()) {
    doc.circle(MARGIN + 9, y + 8, 9).fill('#000000');
    doc.font('bold').fontSize(11).fillColor('#ffffff').text(String(index + 1), MARGIN, y + 2, { width: 18, align: 'center' });
    doc.font('regular').fontSize(12).fillColor('#000000').text(step, MARGIN + 26, y, { width: stepWidth });
    y = doc.y + 6;
  }
  center('italic', 10, ENGLISH, y + 2, '#333333');

  doc.moveTo(MARGIN, footerY - 8).lineTo(A4.width - MARGIN, footerY - 8).lineWidth(0.5).stroke('#888888');
  doc.font('regular').fontSize(8).fillColor('#444444')
    .text(`Phiên bản mã ${venue.codeVersion} · In ngày ${printed} · Mã in trước phiên bản này không còn hiệu lực`, MARGIN, footerY - 2, { width, lineBreak: false });
  doc.text('Vigil', MARGIN, footerY - 2, { width, align: 'right', lineBreak: false });
}

async function posterPdf(db: Queryable, config: Config, title: string, venues: PosterVenue[]): Promise<Buffer> {
  const signer = await codeSigner(db);
  const printed = printDate();
  return renderPdf(title, (doc) => {
    for (const venue of venues) drawPoster(doc, venue, venueUrl(config.publicUrl, signer.sign('venue', venue.id, venue.codeVersion)), printed);
  });
}

/** One venue's poster; a venue outside the actor's scope is not found. */
export async function venuePoster(db: Queryable, config: Config, actor: Actor, id: string): Promise<PdfFile> {
  requirePermission(actor, VENUES_EDIT);
  const [venue] = await db.query<PosterVenue>(`SELECT ${VENUE_COLUMNS} FROM ${VENUE_FROM} WHERE v.id = $1 AND ${unitInScopeSql('v.commune_code', 2)}`, [id, scopeParam(actor)]);
  if (!venue) throw notFound('venue');
  if (venue.status !== 'active') throw conflict('the venue is closed: reopen it before printing its poster');
  return { filename: `poster-${fileSlug(venue.name)}.pdf`, content: await posterPdf(db, config, `Mã QR – ${venue.name}`, [venue]) };
}

/** Every active venue of a commune, one page each, ordered by name. */
export async function communePosters(db: Queryable, config: Config, actor: Actor, communeCode: string): Promise<PdfFile> {
  requirePermission(actor, VENUES_EDIT);
  const [unit] = await db.query<{ level: string; name: string }>('SELECT level, name FROM units WHERE code = $1', [communeCode]);
  if (!unit) throw validationFailed({ communeCode: `unknown unit code ${communeCode}` });
  if (unit.level !== 'commune') throw validationFailed({ communeCode: `${communeCode} is a ${unit.level}, not a commune` });
  if (!(await unitInScope(db, actor, communeCode))) throw validationFailed({ communeCode: `${communeCode} is outside your scope` });
  const venues = await db.query<PosterVenue>(
    `SELECT ${VENUE_COLUMNS} FROM ${VENUE_FROM} WHERE v.commune_code = $1 AND v.status = 'active' ORDER BY v.name, v.id`,
    [communeCode],
  );
  if (venues.length === 0) throw notFound(`active venues of ${unit.name}`);
  return { filename: `posters-${communeCode}-${fileSlug(unit.name)}.pdf`, content: await posterPdf(db, config, `Mã QR – ${unit.name}`, venues) };
}
