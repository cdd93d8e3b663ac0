import type { Payment } from '../cis/entities';
import { parsePlainDate } from '../dates';
import { type AppLocale, formatMoney, formatPlainDate } from '../i18n/format';
import en from '../i18n/locales/en/payments.json';
import es from '../i18n/locales/es/payments.json';
import { namespaceText } from '../i18n/text';
import type { Cents } from '../money';

const text = namespaceText<AppLocale>({ en, es });

/** What a receipt is printed from: the payment as the account's detail gives it, and its context. */
export interface ReceiptInput {
  utilityName: string;
  accountNumber: string;
  customerName: string;
  payment: Pick<Payment, 'paidOn' | 'amountCents' | 'tender'> & {
    receiptNumber: string;
    channel?: Payment['channel'];
    tenderDetail?: Record<string, string>;
    allocations: NonNullable<Payment['allocations']>;
  };
  /** Each bill the payment paid, by id: its period. */
  bills: { id: string; periodFrom: string; periodTo: string }[];
  balanceAfterCents: Cents;
}

/** A receipt's words in one language: its heading, its fields, and what each dollar paid. */
export interface ReceiptText {
  title: string;
  utilityName: string;
  fields: [string, string][];
  whatItPaid: string;
  lines: [string, string][];
  totals: [string, string][];
  thanks: string;
}

function day(iso: string, locale: AppLocale): string {
  const d = parsePlainDate(iso);
  return d ? formatPlainDate(d, locale, 'long') : iso;
}

/** The receipt in the customer's language, every amount and date through Intl. */
export function receiptText(input: ReceiptInput, locale: AppLocale): ReceiptText {
  const t = (key: string, params: Record<string, string | number> = {}) =>
    text(locale, `receipt.${key}`, params);
  const money = (cents: Cents) => formatMoney(cents, locale);
  const p = input.payment;
  const period = (billId: string | null) => {
    const bill = input.bills.find((b) => b.id === billId);
    return bill
      ? `${day(bill.periodFrom, locale)} – ${day(bill.periodTo, locale)}`
      : (billId ?? '');
  };
  const detail = p.tenderDetail ?? {};
  const detailKey = `tenderDetails.${p.tender}`;
  const tender =
    p.tender === 'cash' || p.tender === 'agency' || (p.tender === 'card' && !detail.last4)
      ? t(`tenders.${p.tender}`)
      : `${t(`tenders.${p.tender}`)} (${t(detailKey, detail)})`;
  const lines = p.allocations.map((a): [string, string] => {
    if (a.bucket === 'credit') return [t('lines.credit'), money(a.cents)];
    if (a.billId === null && a.itemId?.startsWith('adj:'))
      return [t('lines.fee', { date: day(p.paidOn, locale) }), money(a.cents)];
    return [t(`lines.${a.bucket}`, { period: period(a.billId) }), money(a.cents)];
  });
  const fields: [string, string][] = [
    [t('number'), p.receiptNumber],
    [t('date'), day(p.paidOn, locale)],
    [t('account'), input.accountNumber],
    [t('customer'), input.customerName],
    [t('amount'), money(p.amountCents)],
    [t('tender'), tender],
  ];
  if (p.channel) fields.push([t('channel'), t(`channels.${p.channel}`)]);
  const totals: [string, string][] =
    input.balanceAfterCents < 0
      ? [[t('creditAfter'), money(-input.balanceAfterCents)]]
      : [[t('balanceAfter'), money(input.balanceAfterCents)]];
  return {
    title: t('title'),
    utilityName: input.utilityName,
    fields,
    whatItPaid: t('whatItPaid'),
    lines,
    totals,
    thanks: t('thanks'),
  };
}
