import { parsePlainDate } from '../dates';
import {
  type AppLocale,
  formatMoney,
  formatNumber,
  formatPlainDate,
  intlLocale,
} from '../i18n/format';
import en from '../i18n/locales/en/rates.json';
import es from '../i18n/locales/es/rates.json';
import { namespaceText, type TextParams } from '../i18n/text';
import { Dec } from '../money';
import type { Bill, BillLine } from './bill';
import { unitLabel } from './units';

const texts = { en, es } as const;
type Params = TextParams;

/** Renders a key of the `rates` namespace in a fixed language (what is read to a caller). */
export const ratesText = namespaceText<AppLocale>(texts);

function rateText(rate: string, locale: AppLocale): string {
  const decimals = Math.max(2, Math.min(5, (rate.split('.')[1] ?? '').length));
  return new Intl.NumberFormat(intlLocale[locale], {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  }).format(Number(rate));
}

function dateText(iso: string, locale: AppLocale): string {
  const d = parsePlainDate(iso);
  return d ? formatPlainDate(d, locale, 'long') : iso;
}

/** The description of one line in a language: what a bill shows on that line. */
export function describeLine(line: BillLine, locale: AppLocale): string {
  const params: Params = { ...line.params };
  if (typeof params.unit === 'string') params.unit = unitLabel(params.unit, locale);
  return ratesText(locale, line.descriptionKey, params);
}

function sentenceFor(line: BillLine, bill: Bill, locale: AppLocale): string {
  const description = describeLine(line, locale);
  const amount = formatMoney(line.amountCents, locale);
  const quantity = formatNumber(Number(line.quantity), locale, { maximumFractionDigits: 3 });
  const unit = unitLabel(line.unit, locale);
  const rate = rateText(line.rate, locale);
  const base = { description, amount, quantity, unit, rate };
  if (line.params.minimum !== undefined && line.params.included !== undefined) {
    return ratesText(locale, 'explain.minimumPlus', {
      ...base,
      minimum: rateText(String(line.params.minimum), locale),
      included: line.params.included,
    });
  }
  switch (line.unit) {
    case 'period':
      return bill.prorated && !new Dec(line.quantity).eq(1)
        ? ratesText(locale, 'explain.fixedProrated', { ...base, days: bill.period.days })
        : ratesText(locale, 'explain.fixed', base);
    case 'dollars':
      return ratesText(locale, 'explain.percent', {
        ...base,
        percent: formatNumber(Math.abs(Number(line.rate) * 100), locale),
      });
    case 'units':
    case 'eru':
      return ratesText(locale, 'explain.units', base);
    case 'bill':
      return ratesText(locale, 'explain.line', base);
    default:
      return line.tier
        ? ratesText(locale, 'explain.tier', { ...base, tier: line.tier })
        : ratesText(locale, 'explain.volumetric', base);
  }
}

/**
 * The bill as sentences an agent reads to the caller, in English or Spanish: the total, each
 * line with its quantity, rate and tier, and what the bill could not include and why.
 */
export function explainBill(bill: Bill, locale: AppLocale): string[] {
  const total = formatMoney(bill.totalCents, locale);
  const out: string[] = [
    bill.period.from && bill.period.to
      ? ratesText(locale, 'explain.summaryPeriod', {
          from: dateText(bill.period.from, locale),
          to: dateText(bill.period.to, locale),
          days: bill.period.days,
          total,
        })
      : ratesText(locale, 'explain.summary', { days: bill.period.days, total }),
  ];
  let segment = '';
  for (const line of bill.lines) {
    if (line.segment && line.segment.from !== segment) {
      segment = line.segment.from;
      // Segments end the day before the next one starts; show that last day.
      const last =
        parsePlainDate(line.segment.to)?.subtract({ days: 1 }).toString() ?? line.segment.to;
      out.push(
        ratesText(locale, 'explain.segment', {
          from: dateText(line.segment.from, locale),
          to: dateText(last, locale),
        }),
      );
    }
    out.push(sentenceFor(line, bill, locale));
  }
  for (const note of bill.notes) {
    const params: Params = { ...note.params };
    if (typeof params.date === 'string') params.date = dateText(params.date, locale);
    out.push(ratesText(locale, note.key, params));
  }
  if (bill.profile.illustrative) out.push(ratesText(locale, 'explain.illustrative'));
  return out;
}
