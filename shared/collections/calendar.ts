import Holidays from 'date-holidays';
import { compareDates, type PlainDate, Temporal } from '../dates';

/**
 * Business days and holidays of a utility's state: public holidays of the United States and the
 * state (date-holidays), observed dates included. Pure: holiday lists are computed per year and
 * kept in memory.
 */
export interface BusinessCalendar {
  isHoliday(date: PlainDate): boolean;
  isBusinessDay(date: PlainDate): boolean;
  holidayName(date: PlainDate): string | null;
}

const cache = new Map<string, Map<string, string>>();

function holidaysOf(state: string, year: number): Map<string, string> {
  const key = `${state}:${year}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const hd = new Holidays('US', state);
  const map = new Map<string, string>();
  for (const h of hd.getHolidays(year)) {
    if (h.type === 'public') map.set(h.date.slice(0, 10), h.name);
  }
  cache.set(key, map);
  return map;
}

export function stateCalendar(state: string): BusinessCalendar {
  const name = (date: PlainDate) => holidaysOf(state, date.year).get(date.toString()) ?? null;
  return {
    holidayName: name,
    isHoliday: (date) => name(date) !== null,
    isBusinessDay: (date) => date.dayOfWeek <= 5 && name(date) === null,
  };
}

/** The date `days` business days after `from` (from itself does not count). */
export function addBusinessDays(
  calendar: BusinessCalendar,
  from: PlainDate,
  days: number,
): PlainDate {
  let date = from;
  let left = days;
  while (left > 0) {
    date = date.add({ days: 1 });
    if (calendar.isBusinessDay(date)) left--;
  }
  return date;
}

export function maxDate(...dates: PlainDate[]): PlainDate {
  return dates.reduce((a, b) => (compareDates(a, b) >= 0 ? a : b));
}

export function addMonthsClamped(date: PlainDate, months: number, day?: number): PlainDate {
  const moved = date.add({ months });
  if (day === undefined) return moved;
  return Temporal.PlainDate.from({
    year: moved.year,
    month: moved.month,
    day: Math.min(day, moved.daysInMonth),
  });
}
