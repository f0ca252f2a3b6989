// Label sheets (PDF): A4 pages of 65 labels (5 × 13, 38 × 21 mm, the common self-adhesive sheet),
// each a Code 128 barcode with its code in plain text under it. Fresh sheets take their codes from
// the barcode sequence, so no two sheets ever repeat one; a session's sheet reprints its tubes.
import type { Database } from '../../db/database.js';
import { type Actor, can } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { conflict, forbidden, notFound } from '../../platform/errors.js';
import { type Doc, type PdfFile, renderPdf } from '../checkins/posters.js';
import { nextBarcodes } from './barcodes.js';
import type { LabelsBody } from './collection.schema.js';
import { code128, drawCode128 } from './labels.barcode.js';
import { TESTING_COLLECT, TESTING_LAB, TESTING_MANAGE } from './permissions.js';
import { findSessionInScope } from './sessions.repository.js';
import { requireTestingReader } from './sessions.js';
import { tubesOfSession } from './tubes.repository.js';

const MM = 72 / 25.4;
const PAGE = { width: 210 * MM, height: 297 * MM };
const GRID = { columns: 5, rows: 13, width: 38 * MM, height: 21 * MM };
const PER_PAGE = GRID.columns * GRID.rows;
/** Code 128 asks for ten modules of white on each side of the bars. */
const QUIET_MODULES = 10;

export interface Label {
  barcode: string;
  /** a few words over the bars: what the tube is for */
  caption: string;
}

function drawLabel(doc: Doc, label: Label, x: number, y: number) {
  const symbol = code128(label.barcode);
  const inner = GRID.width - 2 * MM;
  const unit = inner / (symbol.modules + 2 * QUIET_MODULES);
  centred(doc, label.caption, 'medium', 6, 0, x + GRID.width / 2, y + 1.5 * MM, inner);
  drawCode128(doc, symbol, x + MM + QUIET_MODULES * unit, y + 5 * MM, symbol.modules * unit, 10 * MM);
  centred(doc, label.barcode, 'bold', 8, 0.6, x + GRID.width / 2, y + 16 * MM, inner);
}

/**
 * One line centred on `cx`, smaller when it would not fit `maxWidth` (a laboratory's own long
 * barcode). Placed by hand: pdfkit's wrapping layout is slow for 800 lines a sheet.
 */
function centred(doc: Doc, text: string, font: string, size: number, characterSpacing: number, cx: number, y: number, maxWidth: number) {
  let width = doc.font(font).fontSize(size).widthOfString(text, { characterSpacing });
  if (width > maxWidth) {
    doc.fontSize((size * maxWidth) / width);
    width = doc.widthOfString(text, { characterSpacing });
  }
  doc.fillColor('#000000').text(text, cx - width / 2, y, { lineBreak: false, characterSpacing });
}

/** The sheet: labels left to right, top to bottom, as many pages as needed. */
export function labelSheet(title: string, labels: readonly Label[]): Promise<Buffer> {
  const left = (PAGE.width - GRID.columns * GRID.width) / 2;
  const top = (PAGE.height - GRID.rows * GRID.height) / 2;
  return renderPdf(title, (doc) => {
    labels.forEach((label, i) => {
      const slot = i % PER_PAGE;
      if (slot === 0) doc.addPage({ size: 'A4', margin: 0 });
      drawLabel(doc, label, left + (slot % GRID.columns) * GRID.width, top + Math.floor(slot / GRID.columns) * GRID.height);
    });
  });
}

const CAPTIONS = {
  tube: 'Ống mẫu đơn',
  pool: 'Ống mẫu gộp',
  individual: 'Ống mẫu đơn',
  representative: 'Mẫu đại diện',
  aliquot: 'XN lại · tách mẫu',
  resample: 'XN lại · lấy mẫu lại',
} as const;

/** Fresh labels: `count` codes never issued before (audited, with the first and last code). */
export async function issueLabels(db: Database, actor: Actor, input: LabelsBody): Promise<PdfFile> {
  if (![TESTING_COLLECT, TESTING_LAB, TESTING_MANAGE].some((permission) => can(actor, permission))) throw forbidden(`role ${actor.role} may not print testing labels`);
  const codes = await nextBarcodes(db, input.count);
  await audit(db, actor, { action: 'issue_labels', entity: 'tube_barcode', entityId: codes[0]!, detail: { kind: input.kind, count: codes.length, first: codes[0], last: codes.at(-1) } });
  const content = await labelSheet('Nhãn ống mẫu', codes.map((barcode) => ({ barcode, caption: CAPTIONS[input.kind] })));
  return { filename: `nhan-${input.kind}-${codes[0]}-${codes.at(-1)}.pdf`, content };
}

/** The labels of a session's tubes, those the collectors opened and the retest tubes planned after them. */
export async function sessionLabels(db: Database, actor: Actor, sessionId: string): Promise<PdfFile> {
  requireTestingReader(actor);
  const session = await findSessionInScope(db, sessionId, actor.unitCode);
  if (!session) throw notFound('session');
  const tubes = await tubesOfSession(db, sessionId);
  if (tubes.length === 0) throw conflict('the session has no tubes yet', { id: 'has no tubes yet' });
  const labels = tubes.map((tube) => ({ barcode: tube.barcode, caption: CAPTIONS[tube.origin === 'collected' ? tube.kind : tube.origin] }));
  return { filename: `nhan-phien-${sessionId.slice(0, 8)}.pdf`, content: await labelSheet(`Nhãn ống mẫu: ${session.name}`, labels) };
}
