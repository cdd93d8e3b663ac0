import type { AppLocale } from '../i18n/format';
import en from '../i18n/locales/en/collections.json';
import es from '../i18n/locales/es/collections.json';
import { lookup, namespaceText } from '../i18n/text';

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
