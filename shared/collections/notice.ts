import { parsePlainDate } from '../dates';
import { type AppLocale, formatMoney, formatPlainDate } from '../i18n/format';
import type { Cents } from '../money';
import type { CollectionPolicy } from './policy';
import { collectionsParagraphs, collectionsText } from './text';

export interface NoticeInput {
  customerName: string;
  accountNumber: string;
  serviceAddress: string;
  pastDueCents: Cents;
  /** The earliest disconnection date from evaluateDisconnection, or null while protected. */
  earliest: string | null;
}

export interface NoticeText {
  locale: AppLocale;
  title: string;
  paragraphs: string[];
}

/**
 * The disconnection notice in one language: the amount, the date, the customer's rights under
 * the state's rule, and where to get help. `disconnectionNoticeBothLanguages` gives the pair a
 * bilingual notice prints.
 */
export function disconnectionNotice(
  policy: CollectionPolicy,
  input: NoticeInput,
  locale: AppLocale,
): NoticeText {
  const t = (key: string, params = {}) => collectionsText(locale, key, params);
  const date = input.earliest ? parsePlainDate(input.earliest) : null;
  return {
    locale,
    title: t(policy.service === 'electric' ? 'notice.titleElectric' : 'notice.titleWater'),
    paragraphs: [
      t('notice.greeting', { name: input.customerName }),
      t('notice.amount', {
        account: input.accountNumber,
        address: input.serviceAddress,
        amount: formatMoney(input.pastDueCents, locale),
      }),
      date ? t('notice.date', { date: formatPlainDate(date, locale, 'long') }) : t('notice.noDate'),
      t('notice.arrangement'),
      ...collectionsParagraphs(locale, policy.rightsKey),
      t(policy.helpKey),
    ],
  };
}

export function disconnectionNoticeBothLanguages(
  policy: CollectionPolicy,
  input: NoticeInput,
  first: AppLocale = 'en',
): NoticeText[] {
  const second: AppLocale = first === 'en' ? 'es' : 'en';
  return [disconnectionNotice(policy, input, first), disconnectionNotice(policy, input, second)];
}
