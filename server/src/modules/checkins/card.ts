// Personal QR cards (PDF) for people without a smartphone: an A4 page with a bank-card-sized card
// to cut out and fold (front: the signed personal code, name and birth year; back: how to use it).
import type { Config } from '../../config.js';
import type { Queryable } from '../../db/database.js';
import { type Actor, CITIZEN_ACTOR, requirePermission } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { conflict, notFound } from '../../platform/errors.js';
import { scopeParam, unitInScopeSql } from '../../platform/scope.js';
import { personOfCode } from './citizens.js';
import { codeSigner } from './codes.js';
import { type Doc, drawQr, fileSlug, fitFontSize, type PdfFile, printDate, renderPdf } from './posters.js';

interface CardPerson {
  id: string;
  fullName: string;
  birthYear: number;
}

const A4_WIDTH = 595.28;
// ISO/IEC 7810 ID-1 (a bank card): fits a wallet.
const CARD = { width: 242.65, height: 153.07 };

function drawCardFront(doc: Doc, person: CardPerson, url: string, x: number, y: number) {
  doc.rect(x, y, CARD.width, 20).fill('#000000');
  doc.font('bold').fontSize(8.5).fillColor('#ffffff').text('THẺ QR CÁ NHÂN · KHAI BÁO Y TẾ', x, y + 5.5, { width: CARD.width, align: 'center', lineBreak: false });
  const qrSize = CARD.height - 24;
  drawQr(doc, url, x + 2, y + 22, qrSize, 'M');
  const textX = x + qrSize + 4;
  const textWidth = CARD.width - qrSize - 10;
  const nameSize = fitFontSize(doc, person.fullName, 'bold', textWidth, 4, 12, 7);
  doc.font('regular').fontSize(7).fillColor('#444444').text('Họ và tên', textX, y + 34, { width: textWidth });
  doc.font('bold').fontSize(nameSize).fillColor('#000000').text(person.fullName, textX, doc.y + 1, { width: textWidth, height: 4 * doc.currentLineHeight(true), ellipsis: true });
  doc.font('regular').fontSize(7).fillColor('#444444').text('Năm sinh', textX, doc.y + 6, { width: textWidth });
  doc.font('bold').fontSize(12).fillColor('#000000').text(String(person.birthYear), textX, doc.y + 1, { width: textWidth });
}

function drawCardBack(doc: Doc, x: number, y: number, printed: string) {
  const pad = 10;
  const width = CARD.width - 2 * pad;
  doc.font('bold').fontSize(9.5).fillColor('#000000').text('Cách dùng thẻ', x + pad, y + pad, { width });
  const lines = [
    'Khi đến chợ, cơ quan, bệnh viện hoặc chốt kiểm soát, đưa thẻ cho nhân viên quét mã để khai báo khi đến và khi ra về.',
    'Mã trên thẻ được ký số: không ghi số điện thoại hay CCCD và không làm giả được.',
    'Giữ thẻ cẩn thận, không cho người khác dùng. Mất thẻ: xin in lại tại trạm y tế xã, phường.',
  ];
  for (const line of lines) {
    const top = doc.y + 3;
    doc.font('regular').fontSize(8).text('•', x + pad, top, { width: 6 });
    doc.text(line, x + pad + 7, top, { width: width - 7 });
  }
  doc.font('italic').fontSize(7).fillColor('#333333').text('Personal QR card: show it to staff to check in and out.', x + pad, doc.y + 4, { width });
  doc.font('regular').fontSize(6.5).fillColor('#555555').text(`In ngày ${printed} · Vigil`, x + pad, y + CARD.height - pad - 8, { width, align: 'right', lineBreak: false });
}

function drawCardPage(doc: Doc, person: CardPerson, url: string, printed: string) {
  doc.addPage({ size: 'A4', margin: 0 });
  const margin = 55;
  const width = A4_WIDTH - 2 * margin;
  doc.font('bold').fontSize(22).fillColor('#000000').text('THẺ QR CÁ NHÂN', margin, 48, { width, align: 'center' });
  doc.font('regular').fontSize(11).fillColor('#222222')
    .text('Dùng để khai báo khi đến và khi ra về ở những nơi có mã QR, dành cho người không dùng điện thoại thông minh.', margin, doc.y + 4, { width, align: 'center' });

  // Front and back side by side: cut along the dashes, fold along the dotted middle line.
  const x = (A4_WIDTH - 2 * CARD.width) / 2;
  const y = doc.y + 28;
  drawCardFront(doc, person, url, x, y);
  drawCardBack(doc, x + CARD.width, y, printed);
  doc.save().lineWidth(0.8).dash(5, { space: 3 }).rect(x, y, 2 * CARD.width, CARD.height).stroke('#000000').restore();
  doc.save().lineWidth(0.6).dash(1, { space: 2 }).moveTo(x + CARD.width, y).lineTo(x + CARD.width, y + CARD.height).stroke('#666666').restore();
  doc.font('regular').fontSize(8).fillColor('#555555')
    .text('cắt theo đường nét đứt · gấp đôi theo đường chấm', x, y + CARD.height + 5, { width: 2 * CARD.width, align: 'center' });

  let top = y + CARD.height + 40;
  doc.font('bold').fontSize(14).fillColor('#000000').text('Hướng dẫn', margin, top, { width });
  top = doc.y + 6;
  const steps = [
    'In trang này, cắt thẻ theo đường nét đứt rồi gấp đôi theo đường chấm ở giữa (có thể ép plastic cho bền).',
    'Mang thẻ theo khi ra ngoài. Ở nơi có mã QR, đưa thẻ cho nhân viên quét thay cho việc tự quét bằng điện thoại.',
    'Thẻ thay cho họ tên và số điện thoại đã khai báo. Khi thông tin thay đổi, báo cho trạm y tế xã, phường.',
  ];
  for (const [index, step] of steps.entries()) {
    doc.font('bold').fontSize(12).fillColor('#000000').text(`${index + 1}.`, margin, top, { width: 20 });
    doc.font('regular').fontSize(12).text(step, margin + 20, top, { width: width - 20 });
    top = doc.y + 6;
  }
  doc.font('italic').fontSize(10).fillColor('#333333')
    .text('Personal QR card for people without a smartphone: cut it out, fold it, and show it to staff to check in and out.', margin, top + 6, { width });
}

async function cardPdf(db: Queryable, config: Config, person: CardPerson): Promise<PdfFile> {
  const signer = await codeSigner(db);
  const url = `${config.publicUrl}/p/${signer.sign('person', person.id)}`;
  const printed = printDate();
  const content = await renderPdf(`Thẻ QR cá nhân – ${person.fullName}`, (doc) => drawCardPage(doc, person, url, printed));
  return { filename: `the-qr-${fileSlug(person.fullName)}.pdf`, content };
}

const PERSON_COLUMNS = 'p.id, p.full_name AS "fullName", p.birth_year AS "birthYear", p.merged_into AS "mergedInto"';

/** Staff print a person's card: a read of personal data, audited with its reason. */
export async function staffPersonCard(db: Queryable, config: Config, actor: Actor, id: string, reason: string): Promise<PdfFile> {
  requirePermission(actor, 'people:read');
  const [person] = await db.query<CardPerson & { mergedInto: string | null }>(
    `SELECT ${PERSON_COLUMNS} FROM people p WHERE p.id = $1 AND ${unitInScopeSql('p.commune_code', 2)}`,
    [id, scopeParam(actor)],
  );
  if (!person) throw notFound('person');
  if (person.mergedInto) throw conflict('this record was merged into another; print that one\'s card', undefined, { mergedInto: person.mergedInto });
  await audit(db, actor, { action: 'read', entity: 'person', entityId: id, reason, detail: { purpose: 'personal QR card' } });
  return cardPdf(db, config, person);
}

/**
 * A citizen prints their own card with the personal code their phone holds; a forged code
 * answers 400 naming `code`. Audited under the citizen actor (whoever holds the code).
 */
export async function citizenCard(db: Queryable, config: Config, code: string, actor: Actor = CITIZEN_ACTOR): Promise<PdfFile> {
  const id = await personOfCode(db, await codeSigner(db), code, 'code');
  const [person] = await db.query<CardPerson>(`SELECT ${PERSON_COLUMNS} FROM people p WHERE p.id = $1`, [id]);
  if (!person) throw notFound('person');
  await audit(db, actor, { action: 'read', entity: 'person', entityId: id, reason: 'own personal QR card', detail: { purpose: 'personal QR card' } });
  return cardPdf(db, config, person);
}
