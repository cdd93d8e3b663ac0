import { type AppLocale, formatMoney } from '../i18n/format';
import en from '../i18n/locales/en/counter.json';
import es from '../i18n/locales/es/counter.json';
import { namespaceText } from '../i18n/text';
import type { DailyReport, DrawerTender } from './drawer';

const text = namespaceText<AppLocale>({ en, es });

/** One word of the daily balancing report (the `counter` namespace's `report.*`). */
export const reportWord = (locale: AppLocale, key: keyof (typeof en)['report']) =>
  text(locale, `report.${key}`);

export const tenderWord = (locale: AppLocale, t: DrawerTender) => reportWord(locale, t);

/** The report as rows of text: one per drawer and tender, the totals, then card and bank. */
export function reportRows(report: DailyReport, locale: AppLocale): string[][] {
  const w = (k: keyof (typeof en)['report']) => reportWord(locale, k);
  const money = (c: number) => formatMoney(c, locale);
  const rows: string[][] = [
    [
      w('drawer'),
      w('cashier'),
      w('tender'),
      w('expected'),
      w('counted'),
      w('overShort'),
      w('reason'),
      w('signedOffBy'),
    ],
  ];
  // A drawer's reason and sign-off are said once, on its first line.
  for (const d of report.drawers)
    d.tenders.forEach((t, i) => {
      rows.push([
        d.drawerId,
        d.cashier,
        w(t.tender),
        money(t.expectedCents),
        money(t.countedCents),
        money(t.overShortCents),
        i === 0 ? (d.reason ?? '') : '',
        i === 0 ? (d.signedOffBy ?? '') : '',
      ]);
    });
  for (const t of report.totals)
    rows.push([
      w('total'),
      '',
      w(t.tender),
      money(t.expectedCents),
      money(t.countedCents),
      money(t.overShortCents),
      '',
      '',
    ]);
  rows.push([w('total'), '', w('overShort'), '', '', money(report.overShortCents), '', '']);
  rows.push([w('cardTotal'), '', '', '', money(report.cardCents), '', '', '']);
  rows.push([w('bankTotal'), '', '', '', money(report.bankCents), '', '', '']);
  return rows;
}
