import { type AppLocale, formatMoney } from '../i18n/format';
import en from '../i18n/locales/en/collections.json';
import es from '../i18n/locales/es/collections.json';
import { lookup, namespaceText, type TextParams } from '../i18n/text';
import { unitLabel } from '../rates/units';

/** A key of the `collections` namespace in a fixed language (notices, referrals, rule outcomes). */
export const collectionsText = namespaceText<AppLocale>({ en, es });

/** The numbered paragraphs under a key (`rights.maine.1`, `.2`, ...). */
export function collectionsParagraphs(locale: AppLocale, key: string): string[] {
  const out: string[] = [];
  for (let i = 1; ; i++) {
    const text = lookup({ en, es }[locale], `${key}.${i}`);
    if (text === null) return out;
    out.push(text);
  }
}

/** Rule params that are amounts in cents, and those that are calendar dates. */
const CENT_PARAMS = new Set([
  'down',
  'minimum',
  'installment',
  'monthly',
  'pastDue',
  'threshold',
  'amount',
  'average',
  'credit',
  'base',
  'cap',
  'agentLimit',
  'leadLimit',
  'credited',
  'billTotal',
  'total',
  'current',
  'fee',
]);
const DATE_PARAMS = new Set([
  'brokenOn',
  'served',
  'ready',
  'until',
  'by',
  'last',
  'date',
  'next',
  'due',
  'earliest',
  'olderOn',
  'filed',
  'dueBy',
  'opened',
  'certified',
]);

export interface ParamFormat {
  money?: (cents: number) => string;
  date?: (iso: string) => string;
}

/** A rule's params as text reads them: cents as money, dates as the caller's formatter writes them. */
export function ruleParams(
  params: Record<string, unknown>,
  locale: AppLocale,
  format: ParamFormat = {},
): TextParams {
  const money = format.money ?? ((c: number) => formatMoney(c, locale));
  const out: TextParams = {};
  for (const [k, v] of Object.entries(params)) {
    if (CENT_PARAMS.has(k) && typeof v === 'number') out[k] = money(v);
    else if (DATE_PARAMS.has(k) && typeof v === 'string' && v && format.date)
      out[k] = format.date(v);
    else if (k === 'unit' && typeof v === 'string') out[k] = unitLabel(v, locale);
    else if (typeof v === 'string' || typeof v === 'number') out[k] = v;
  }
  return out;
}

/** What a rule decided, in a language: "Down payment $300.00 is below the minimum of ...". */
/** Where a rule comes from: a published title as written, or Tapline's statement in `locale`. */
export function ruleCitation(
  rule: { citation: string; citationKey?: string; params: Record<string, unknown> },
  locale: AppLocale,
): { text: string; lang: AppLocale } {
  return rule.citationKey
    ? {
        text: collectionsText(locale, rule.citationKey, ruleParams(rule.params, locale)),
        lang: locale,
      }
    : { text: rule.citation, lang: 'en' };
}

export function ruleText(
  rule: { messageKey: string; params: Record<string, unknown> },
  locale: AppLocale,
  format: ParamFormat = {},
): string {
  return collectionsText(locale, rule.messageKey, ruleParams(rule.params, locale, format));
}
