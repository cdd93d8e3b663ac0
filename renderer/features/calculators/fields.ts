import { compareDates, type PlainDate, parsePlainDate } from '../../../shared/dates';
import { parseDollars } from '../../../shared/money';

/** A field's text read as a value, or the i18n key (and params) of why it cannot be. */
export type Parsed<T> =
  | { value: T; error: null }
  | { value: null; error: { key: string; params?: Record<string, string | number> } };

const ok = <T>(value: T): Parsed<T> => ({ value, error: null });
const bad = <T>(key: string, params?: Record<string, string | number>): Parsed<T> => ({
  value: null,
  error: { key: `calculators:errors.${key}`, params },
});

/** Dollars as an agent types them ("1,234.50", "$80") to cents; blank is `null` when optional. */
export function dollarsField(
  text: string,
  o: { required?: boolean; min?: number; max?: number; negativeKey?: string } = {},
): Parsed<number | null> {
  if (!text.trim()) return o.required ? bad('required') : ok(null);
  const cents = parseDollars(text.trim().replace(/^-\s*\$/, '-'));
  // A minus sign is an amount the agent meant, just not one this field takes: say which.
  if (cents !== null && cents < 0) return bad(o.negativeKey ?? 'negative');
  if (cents === null) return bad('amount');
  if (o.min !== undefined && cents < o.min) return bad('amountMin', { min: o.min });
  if (o.max !== undefined && cents > o.max) return bad('amountMax', { max: o.max });
  return ok(cents);
}

/** A whole number within bounds; blank is `null` when optional. */
export function wholeField(
  text: string,
  o: { required?: boolean; min: number; max: number },
): Parsed<number | null> {
  if (!text.trim()) return o.required ? bad('required') : ok(null);
  if (!/^\d+$/.test(text.trim())) return bad('whole', { min: o.min, max: o.max });
  const n = Number(text.trim());
  return n < o.min || n > o.max ? bad('whole', { min: o.min, max: o.max }) : ok(n);
}

/** A decimal number (usage, a percent, an area) within bounds. */
export function decimalField(
  text: string,
  o: { required?: boolean; min: number; max: number },
): Parsed<string | null> {
  const t = text.trim().replace(',', '.');
  if (!t) return o.required ? bad('required') : ok(null);
  if (!/^\d+(\.\d+)?$/.test(t)) return bad('number', { min: o.min, max: o.max });
  const n = Number(t);
  return n < o.min || n > o.max ? bad('number', { min: o.min, max: o.max }) : ok(t);
}

/** A calendar date (YYYY-MM-DD from a date input) not before `notBefore`. */
export function dateField(text: string, o: { notBefore?: PlainDate } = {}): Parsed<string> {
  const d = parsePlainDate(text);
  if (!d) return bad('date');
  if (o.notBefore && compareDates(d, o.notBefore) < 0) return bad('dateInPast');
  return ok(d.toString());
}

export function textField(
  text: string,
  o: { min: number; max: number; pattern?: RegExp; patternKey?: string },
): Parsed<string> {
  const t = text.trim();
  if (t.length < o.min) return t ? bad('tooShort', { min: o.min }) : bad('required');
  if (t.length > o.max) return bad('tooLong', { max: o.max });
  if (o.pattern && !o.pattern.test(t)) return bad(o.patternKey ?? 'format');
  return ok(t);
}

/** A US phone number in any format, as its digits (10, or 11 with the leading 1). */
export function phoneField(text: string): Parsed<string> {
  const digits = text.replace(/\D/g, '').replace(/^1(?=\d{10}$)/, '');
  return digits.length === 10 ? ok(digits) : bad('phone');
}

/** The first error of several fields, or null when every one parsed. */
export function firstError(...fields: Parsed<unknown>[]): Parsed<unknown>['error'] {
  return fields.find((f) => f.error)?.error ?? null;
}
