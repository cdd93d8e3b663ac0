import PDFDocument from 'pdfkit';
import type { ReceiptText } from '../../shared/payments';

/** One page, letter size: the receipt's words laid out as a cashier's printer or a letter shows them. */
export function receiptPdf(receipt: ReceiptText): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'LETTER', margin: 54, info: { Title: receipt.title } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const left = 54;
  const right = doc.page.width - 54;
  const width = right - left;
  const row = (label: string, value: string, bold = false) => {
    const y = doc.y;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(11);
    doc.text(label, left, y, { width: width * 0.68 });
    const after = doc.y;
    doc.text(value, left + width * 0.68, y, { width: width * 0.32, align: 'right' });
    doc.y = Math.max(after, doc.y) + 4;
  };
  doc.font('Helvetica-Bold').fontSize(18).text(receipt.utilityName, left, 54);
  doc.font('Helvetica').fontSize(14).text(receipt.title).moveDown(0.8);
  for (const [label, value] of receipt.fields) row(label, value);
  doc
    .moveDown(0.6)
    .font('Helvetica-Bold')
    .fontSize(13)
    .text(receipt.whatItPaid, left)
    .moveDown(0.3);
  for (const [label, value] of receipt.lines) row(label, value);
  doc.moveTo(left, doc.y).lineTo(right, doc.y).stroke().moveDown(0.4);
  for (const [label, value] of receipt.totals) row(label, value, true);
  doc.moveDown(1).font('Helvetica').fontSize(10).text(receipt.thanks, left, doc.y, { width });
  doc.end();
  return done;
}
