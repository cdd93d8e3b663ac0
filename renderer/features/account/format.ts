import { useTranslation } from 'react-i18next';
import { parsePlainDate } from '../../../shared/dates';
import {
  type AppLocale,
  formatMoney,
  formatNumber,
  formatPlainDate,
  intlLocale,
} from '../../../shared/i18n';
import { unitLabel } from '../../../shared/rates/units';

/** Money, numbers, dates and times for the agent's screen language, through Intl. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = (i18n.language === 'es' ? 'es' : 'en') as AppLocale;
  const tag = intlLocale[locale];
  return {
    locale,
    /** A US number as people read it: (215) 555-0123. */
    phone: (digits: string) => {
      const d = digits.replace(/\D/g, '').replace(/^1(?=\d{10}$)/, '');
      return d.length === 10 ? `(${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6)}` : digits;
    },
    /** The unit as bills write it (Mcf, CCF, kWh), in the screen's language. */
    unit: (unit: string) => unitLabel(unit, locale),
    money: (cents: number) => formatMoney(cents, locale),
    number: (n: number | string, digits = 2) =>
      formatNumber(Number(n), locale, { maximumFractionDigits: digits }),
    /**
     * A calendar date: "Jun 9, 2026" / "9 jun 2026" wherever the desk lists one, "June 9, 2026"
     * inside a sentence. No numeric form: 6/9/26 reads as 9 June in Spanish.
     */
    date: (iso: string, style: 'medium' | 'long' = 'medium') => {
      const d = parsePlainDate(iso.slice(0, 10));
      return d ? formatPlainDate(d, locale, style) : iso;
    },
    /** An instant; in `timeZone` (the utility's, for field appointments) or the workstation's. */
    dateTime: (iso: string | number, timeZone?: string) =>
      new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(
        new Date(iso),
      ),
    time: (iso: string | number, timeZone?: string) =>
      new Intl.DateTimeFormat(tag, { timeStyle: 'short', timeZone }).format(new Date(iso)),
    ago: (ms: number, now = Date.now()) => {
      const rtf = new Intl.RelativeTimeFormat(tag, { numeric: 'auto' });
      const s = Math.round((ms - now) / 1000);
      if (Math.abs(s) < 60) return rtf.format(s, 'second');
      if (Math.abs(s) < 3600) return rtf.format(Math.round(s / 60), 'minute');
      if (Math.abs(s) < 86400) return rtf.format(Math.round(s / 3600), 'hour');
      return rtf.format(Math.round(s / 86400), 'day');
    },
  };
}
