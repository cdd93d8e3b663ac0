import type { PlainDate } from '../dates';
import type { Cents } from '../money';

/** BCP 47 tags for the locales we ship: US English and US Spanish. */
export const intlLocale = { en: 'en-US', es: 'es-US' } as const;
export type AppLocale = keyof typeof intlLocale;

export function formatMoney(cents: Cents, locale: AppLocale, currency = 'USD'): string {
  return new Intl.NumberFormat(intlLocale[locale], { style: 'currency', currency }).format(
    cents / 100,
  );
}

export function formatNumber(
  value: number,
  locale: AppLocale,
  options?: Intl.NumberFormatOptions,
): string {
  return new Intl.NumberFormat(intlLocale[locale], options).format(value);
}

export function formatPlainDate(
  date: PlainDate,
  locale: AppLocale,
  style: 'short' | 'medium' | 'long' = 'medium',
): string {
  return date.toLocaleString(intlLocale[locale], { dateStyle: style });
}

/** m:ss under an hour, h:mm:ss above: how call timers read. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}
