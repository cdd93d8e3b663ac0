import { Temporal } from 'temporal-polyfill';

export { Temporal };
export type PlainDate = Temporal.PlainDate;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Parses `YYYY-MM-DD` strictly (no rollover of 2025-02-30); null when it is not a real date. */
export function parsePlainDate(text: string): PlainDate | null {
  if (!ISO_DATE.test(text)) return null;
  try {
    return Temporal.PlainDate.from(text, { overflow: 'reject' });
  } catch {
    return null;
  }
}

export function plainDate(text: string): PlainDate {
  const date = parsePlainDate(text);
  if (!date) throw new RangeError(`not a calendar date: ${text}`);
  return date;
}

/** Days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: PlainDate, to: PlainDate): number {
  return from.until(to, { largestUnit: 'days' }).days;
}

export function isWeekend(date: PlainDate): boolean {
  return date.dayOfWeek === 6 || date.dayOfWeek === 7;
}

export function compareDates(a: PlainDate, b: PlainDate): number {
  return Temporal.PlainDate.compare(a, b);
}
