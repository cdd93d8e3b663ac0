import { parsePlainDate } from '../dates';
import { type AppLocale, formatMoney, formatPlainDate } from '../i18n/format';
import type { Cents } from '../money';
import type { CollectionPolicy } from './policy';
import { collectionsParagraphs, collectionsText } from './text';

/** Who the notice is for; a name, account or address left out (or blank) is not printed. */
export interface NoticeInput {
  customerName?: string;
  accountNumber?: string;
  serviceAddress?: string;
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
  const name = input.customerName?.trim();
  const account = input.accountNumber?.trim();
  const address = input.serviceAddress?.trim();
  const amount = formatMoney(input.pastDueCents, locale);
  return {
    locale,
    title: t(policy.service === 'electric' ? 'notice.titleElectric' : 'notice.titleWater'),
    paragraphs: [
      name ? t('notice.greeting', { name }) : t('notice.greetingNoName'),
      account && address
        ? t('notice.amount', { account, address, amount })
        : account
          ? t('notice.amountNoAddress', { account, amount })
          : t('notice.amountNoAccount', { amount }),
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
