import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { defaultNamespace, namespaces, resources } from '../shared/i18n';
import type { Locale } from '../shared/ipc';

/** One i18next instance for the screen; prompts read to callers use their own fixed-language t. */
export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources,
  lng: 'en',
  fallbackLng: false,
  ns: namespaces,
  defaultNS: defaultNamespace,
  interpolation: { escapeValue: false },
  returnNull: false,
});

export function applyLocale(locale: Locale): void {
  if (i18n.language !== locale) void i18n.changeLanguage(locale);
  document.documentElement.lang = locale;
}

/** A translator fixed to one language, for text read to a caller in their language. */
export function promptTranslator(locale: Locale) {
  return i18n.getFixedT(locale);
}
