import { stringify } from 'csv-stringify/sync';
import PDFDocument from 'pdfkit';
import { formatMoney } from '../../shared/i18n/format';
import { centsToDollars } from '../../shared/money';
import { type DailyReport, reportRows, reportWord } from '../../shared/payments';

const dollars = (c: number) => centsToDollars(c).toFixed(2);

/**
 * The daily balancing report as CSV for the office's spreadsheet: one line per drawer and tender,
 * then each tender over all drawers (`ALL`), the card and bank totals, and the deposit; amounts in
 * dollars with two decimals.
 */
export function reportCsv(report: DailyReport): string {
  const rows: (string | number)[][] = [
    [
      'business_day',
      'drawer_id',
      'cashier',
      'tender',
      'float',
      'expected',
      'counted',
      'over_short',
      'reason',
      'signed_off_by',
    ],
  ];
  for (const d of report.drawers)
    for (const t of d.tenders)
      rows.push([
        report.businessDay,
        d.drawerId,
        d.cashier,
        t.tender,
        t.tender === 'cash' ? dollars(d.floatCents) : '',
        dollars(t.expectedCents),
        dollars(t.countedCents),
        dollars(t.overShortCents),
        d.reason ?? '',
        d.signedOffBy ?? '',
      ]);
  for (const t of report.totals)
    rows.push([
      report.businessDay,
      'ALL',
      '',
      t.tender,
      '',
      dollars(t.expectedCents),
      dollars(t.countedCents),
      dollars(t.overShortCents),
      '',
      '',
    ]);
  rows.push([
    report.businessDay,
    'ALL',
    '',
    'over-short',
    '',
    '',
    '',
    dollars(report.overShortCents),
    '',
    '',
  ]);
  rows.push([
    report.businessDay,
    'DAY',
    '',
    'card-all-channels',
    '',
    '',
    dollars(report.cardCents),
    '',
    '',
    '',
  ]);
  rows.push([
    report.businessDay,
    'DAY',
    '',
    'ach-all-channels',
    '',
    '',
    dollars(report.bankCents),
    '',
    '',
    '',
  ]);
  rows.push([
    report.businessDay,
    'DEPOSIT',
    '',
    'total',
    '',
    '',
    dollars(report.deposit.totalDepositCents),
    '',
    '',
    '',
  ]);
  return stringify(rows);
}

/** The report and the deposit slip as a letter-size PDF (pdfkit, Helvetica), in English or Spanish. */
export function reportPdf(
  report: DailyReport,
  utilityName: string,
  locale: 'en' | 'es',
  note: string | null,
): Promise<Buffer> {
  const w = (k: Parameters<typeof reportWord>[1]) => reportWord(locale, k);
  const money = (c: number) => formatMoney(c, locale);
  const doc = new PDFDocument({
    size: 'LETTER',
    layout: 'landscape',
    margin: 40,
    info: { Title: `${w('title')} ${report.businessDay}` },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const left = 40;
  const width = doc.page.width - 80;
  const table = (rows: string[][], widths: number[]) => {
    rows.forEach((row, i) => {
      if (doc.y > doc.page.height - 60) doc.addPage();
      const y = doc.y;
      let x = left;
      doc.font(i === 0 ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
      let bottom = y;
      row.forEach((cell, c) => {
        doc.text(cell, x, y, {
          width: widths[c] * width - 4,
          align: c >= 3 && c <= 5 ? 'right' : 'left',
        });
        bottom = Math.max(bottom, doc.y);
        x += widths[c] * width;
      });
      doc.y = bottom + 2;
    });
  };
  doc.font('Helvetica-Bold').fontSize(16).text(utilityName, left, 40);
  doc
    .font('Helvetica')
    .fontSize(13)
    .text(`${w('title')} — ${report.businessDay}`)
    .moveDown(0.5);
  if (note) doc.fontSize(10).text(note).moveDown(0.5);
  table(reportRows(report, locale), [0.16, 0.1, 0.12, 0.11, 0.11, 0.11, 0.19, 0.1]);
  doc.addPage();
  doc
    .font('Helvetica-Bold')
    .fontSize(14)
    .text(`${w('depositTitle')} — ${report.businessDay}`, left, 40)
    .moveDown(0.5);
  const dep = report.deposit;
  table(
    [
      [w('denomination'), w('pieces'), w('amount')],
      ...dep.cash.map((r) => [money(r.denominationCents), String(r.count), money(r.cents)]),
      [w('cashCounted'), '', money(dep.cashCountedCents)],
      [w('floatsRetained'), '', money(-dep.floatsRetainedCents)],
      [w('cashDeposit'), '', money(dep.cashDepositCents)],
    ],
    [0.3, 0.2, 0.2],
  );
  doc.moveDown(0.5);
  table(
    [
      [w('drawer'), w('checkNumber'), w('bank'), w('amount')],
      ...dep.checks.map((c) => [c.drawerId, c.checkNumber, c.bank, money(c.amountCents)]),
      [w('checksTotal'), '', '', money(dep.checksCents)],
      ...dep.moneyOrders.map((m) => [m.drawerId, m.serialNumber, m.issuer, money(m.amountCents)]),
      [w('moneyOrdersTotal'), '', '', money(dep.moneyOrdersCents)],
      [w('depositTotal'), '', '', money(dep.totalDepositCents)],
    ],
    [0.2, 0.15, 0.3, 0.15],
  );
  doc.end();
  return done;
}
