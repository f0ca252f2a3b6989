// A printable certificate (A4 PDF): the QR code with the signed `HC1:` text, the holder, the dose or
// test it certifies, and how to check it. In Vietnamese with English beside, like paper certificates
// carried abroad. Built with the check-in module's PDF pieces (pdfkit, the embedded font, vector QR).
import { type Doc, drawQr, fileSlug, fitFontSize, type PdfFile, printDate, renderPdf } from '../checkins/posters.js';
import type { Dcc } from './hcert/dcc.js';
import { labelOf, TEST_RESULT, TEST_TYPE, VACCINE_MANUFACTURER, VACCINE_PRODUCT } from './hcert/valuesets.js';

export interface CertificateForPrint {
  hc1: string;
  payload: Dcc;
  issuedAt: string;
  expiresAt: string;
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 48;

const dateVi = (iso: string) => new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(iso));
const dateTimeVi = (iso: string) => new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
/** A DCC date (YYYY-MM-DD, YYYY-MM or YYYY) as Vietnamese write it. */
const dobVi = (dob: string) => dob.split('-').reverse().join('/');

function titles(dcc: Dcc): { vi: string; en: string } {
  if (dcc.v) return { vi: 'CHỨNG NHẬN TIÊM CHỦNG COVID-19', en: 'COVID-19 vaccination certificate' };
  if (dcc.t) return { vi: 'CHỨNG NHẬN XÉT NGHIỆM COVID-19', en: 'COVID-19 test certificate' };
  return { vi: 'CHỨNG NHẬN KHỎI BỆNH COVID-19', en: 'COVID-19 recovery certificate' };
}

/** The rows of the table: [Vietnamese label, English label, value]. */
function rows(dcc: Dcc, issuedAt: string, expiresAt: string): [string, string, string][] {
  const name = [dcc.nam.fn, dcc.nam.gn].filter(Boolean).join(' ');
  const machineName = [dcc.nam.fnt, dcc.nam.gnt].filter(Boolean).join('<<');
  const out: [string, string, string][] = [
    ['Họ và tên', 'Name', name],
    ['Tên chuẩn hoá', 'Standardised name', machineName],
    ['Ngày sinh', 'Date of birth', dobVi(dcc.dob)],
  ];
  const v = dcc.v?.[0];
  if (v) {
    out.push(
      ['Vắc xin', 'Vaccine', labelOf(VACCINE_PRODUCT, v.mp, 'vi')],
      ['Nhà sản xuất', 'Manufacturer', labelOf(VACCINE_MANUFACTURER, v.ma, 'vi')],
      ['Mũi tiêm', 'Dose', `${v.dn}/${v.sd}`],
      ['Ngày tiêm', 'Date of vaccination', dobVi(v.dt)],
    );
  }
  const t = dcc.t?.[0];
  if (t) {
    out.push(
      ['Loại xét nghiệm', 'Type of test', `${labelOf(TEST_TYPE, t.tt, 'vi')} / ${labelOf(TEST_TYPE, t.tt, 'en')}`],
      ['Kết quả', 'Result', `${labelOf(TEST_RESULT, t.tr, 'vi')} / ${labelOf(TEST_RESULT, t.tr, 'en')}`],
      ['Lấy mẫu lúc', 'Sample taken', dateTimeVi(t.sc)],
      ...(t.tc ? [['Nơi xét nghiệm', 'Testing centre', t.tc] as [string, string, string]] : []),
    );
  }
  const entry = v ?? t ?? dcc.r?.[0];
  if (entry) out.push(['Nơi cấp', 'Issuer', `${entry.is} (${entry.co})`], ['Mã chứng nhận', 'Certificate identifier', entry.ci]);
  out.push(['Cấp ngày', 'Issued', dateVi(issuedAt)], ['Hiệu lực đến', 'Valid until', dateVi(expiresAt)]);
  return out;
}

function drawCertificate(doc: Doc, certificate: CertificateForPrint, verifyUrl: string, printed: string) {
  doc.addPage({ size: 'A4', margin: 0 });
  const width = A4.width - 2 * MARGIN;
  const { vi, en } = titles(certificate.payload);
  doc.font('bold').fontSize(20).fillColor('#000000').text(vi, MARGIN, 46, { width, align: 'center' });
  doc.font('italic').fontSize(11).fillColor('#333333').text(`${en} · EU Digital COVID Certificate (HCERT)`, MARGIN, doc.y + 2, { width, align: 'center' });

  // the QR code: large, with error correction Q so a creased paper still scans
  const qrSize = 300;
  const qrTop = doc.y + 16;
  drawQr(doc, certificate.hc1, (A4.width - qrSize) / 2, qrTop, qrSize, 'Q');

  let top = qrTop + qrSize + 18;
  const labelWidth = 170;
  for (const [labelVi, labelEn, value] of rows(certificate.payload, certificate.issuedAt, certificate.expiresAt)) {
    doc.font('bold').fontSize(10).fillColor('#000000').text(labelVi, MARGIN, top, { width: labelWidth });
    doc.font('italic').fontSize(8).fillColor('#555555').text(labelEn, MARGIN, doc.y, { width: labelWidth });
    const labelBottom = doc.y;
    const size = fitFontSize(doc, value, 'regular', width - labelWidth, 2, 11, 7);
    doc.font('regular').fontSize(size).fillColor('#000000').text(value, MARGIN + labelWidth, top, { width: width - labelWidth });
    top = Math.max(labelBottom, doc.y) + 5;
  }

  doc.font('regular').fontSize(9).fillColor('#333333')
    .text(`Mã QR được ký số: quét bằng ứng dụng kiểm tra chứng nhận, hoặc mở ${verifyUrl} để kiểm tra (không cần mạng sau lần mở đầu). `
      + 'The QR code is digitally signed and verifies in EU DCC verifiers against the trust list of this issuer.', MARGIN, Math.max(top + 8, A4.height - 110), { width });
  doc.font('regular').fontSize(7.5).fillColor('#555555').text(`In ngày ${printed} · Vigil`, MARGIN, A4.height - 40, { width, align: 'right', lineBreak: false });
}

/**
 * ⚑ The PDF of a certificate issued by issueHcert. `verifyUrl` is the verifier page shown to the
 * reader, e.g. `${config.publicUrl}/verify`.
 */
export async function certificatePdf(certificate: CertificateForPrint, verifyUrl: string): Promise<PdfFile> {
  const { vi } = titles(certificate.payload);
  const name = [certificate.payload.nam.fn, certificate.payload.nam.gn].filter(Boolean).join(' ');
  const content = await renderPdf(`${vi} – ${name}`, (doc) => drawCertificate(doc, certificate, verifyUrl, printDate()));
  return { filename: `chung-nhan-${certificate.payload.v ? 'tiem-chung' : certificate.payload.t ? 'xet-nghiem' : 'khoi-benh'}-${fileSlug(name)}.pdf`, content };
}
