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

/**
 * Days from `from` to `to` given as ISO days (`YYYY-MM-DD`), without making date objects: for
 * loops over many reads. Throws on text that is not a real calendar date, as `plainDate` does.
 */
export function isoDaysBetween(from: string, to: string): number {
  return isoDayNumber(to) - isoDayNumber(from);
}

function isoDayNumber(text: string): number {
  if (!ISO_DATE.test(text)) throw new RangeError(`not a calendar date: ${text}`);
  const y = Number(text.slice(0, 4));
  const m = Number(text.slice(5, 7));
  const d = Number(text.slice(8, 10));
  const ms = Date.UTC(y, m - 1, d);
  const back = new Date(ms);
  if (back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d)
    throw new RangeError(`not a calendar date: ${text}`);
  // Date.UTC maps years 0–99 to 1900–1999; a utility's reads are never dated then.
  return Math.round(ms / 86_400_000);
}

export function isWeekend(date: PlainDate): boolean {
  return date.dayOfWeek === 6 || date.dayOfWeek === 7;
}

export function compareDates(a: PlainDate, b: PlainDate): number {
  return Temporal.PlainDate.compare(a, b);
}
