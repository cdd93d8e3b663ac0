import PDFDocument from 'pdfkit';
import type { RenderedLetter } from '../../shared/letters';

/**
 * A letter as a US Letter PDF: the utility's name and return address at the head, the date, the
 * customer's mailing address where a window envelope shows it, the title and the paragraphs.
 * Helvetica's WinAnsi encoding carries Spanish (á é í ó ú ñ ¿ ¡).
 */
export async function letterPdf(letter: RenderedLetter): Promise<{ pdf: Buffer; pages: number }> {
  const doc = new PDFDocument({
    size: 'LETTER',
    margins: { top: 54, bottom: 54, left: 72, right: 72 },
    bufferPages: true,
    info: { Title: letter.title, Author: letter.letterhead.name },
    lang: letter.locale === 'es' ? 'es-US' : 'en-US',
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  doc.font('Helvetica-Bold').fontSize(14).text(letter.letterhead.name);
  doc.font('Helvetica').fontSize(9);
  for (const line of letter.letterhead.address) doc.text(line);
  doc.moveDown(2).fontSize(10).text(letter.date, { align: 'right' });
  doc.moveDown(1);
  for (const line of letter.recipient) doc.text(line);
  doc.moveDown(2).font('Helvetica-Bold').fontSize(12).text(letter.title);
  doc.moveDown(0.8).font('Helvetica').fontSize(10.5);
  for (const p of letter.paragraphs) doc.text(p, { align: 'left', lineGap: 2 }).moveDown(0.7);
  const pages = doc.bufferedPageRange().count;
  doc.end();
  await ended;
  return { pdf: Buffer.concat(chunks), pages };
}
