// date-holidays-parser's exports name no types: its declarations are referenced by path.
/// <reference path="../../../node_modules/date-holidays-parser/types/index.d.ts" />
import { readFileSync } from 'node:fs';
import Holidays from 'date-holidays';
import HolidaysParser from 'date-holidays-parser';
import { describe, expect, it } from 'vitest';
import { command, target, usHolidaysJson } from '../../../scripts/us-holidays.mjs';
import { stateCalendar } from '../../../shared/collections/calendar';
import { collectionPolicies } from '../../../shared/collections/policies';
import usHolidays from '../../../shared/collections/us-holidays.json';
import { Temporal } from '../../../shared/dates';
import { fieldServiceProfiles } from '../../../shared/service';

const states = [
  ...new Set([...collectionPolicies, ...fieldServiceProfiles].map((p) => p.state)),
].sort();
const years = [2024, 2025, 2026, 2027, 2028, 2029, 2030];
const languages = [
  { app: 'en', dateHolidays: undefined },
  { app: 'es', dateHolidays: 'es' },
] as const;

const publicHolidays = (list: { date: string; name: string; type: string }[]) =>
  list.filter((h) => h.type === 'public').map((h) => `${h.date.slice(0, 10)} ${h.name}`);

describe('the United States holidays the calendar carries', () => {
  it('are what scripts/us-holidays.mjs makes of the installed date-holidays', () => {
    const committed = readFileSync(target, 'utf8');
    expect(committed === usHolidaysJson(), `date-holidays changed: run ${command}`).toBe(true);
  });

  it('are the launch utilities’ states', () => {
    expect(states).toEqual(['CA', 'ME', 'PA']);
  });

  it('give each state’s public holidays as date-holidays does, 2024 to 2030, in both languages', () => {
    for (const state of states)
      for (const { dateHolidays } of languages) {
        const options = dateHolidays ? { languages: dateHolidays } : {};
        const ours = new HolidaysParser(usHolidays, 'US', state, options);
        const theirs = new Holidays('US', state, options);
        for (const year of years)
          expect(publicHolidays(ours.getHolidays(year)), `${state} ${year}`).toEqual(
            publicHolidays(theirs.getHolidays(year)),
          );
      }
  });

  it('close the same days in the calendar, named as date-holidays names them', () => {
    for (const state of states) {
      const calendar = stateCalendar(state);
      for (const { app, dateHolidays } of languages) {
        const theirs = new Holidays('US', state, dateHolidays ? { languages: dateHolidays } : {});
        for (const year of years) {
          const expected = new Map<string, string>();
          for (const h of theirs.getHolidays(year))
            if (h.type === 'public') expected.set(h.date.slice(0, 10), h.name);
          const named = new Map<string, string>();
          for (
            let day = Temporal.PlainDate.from({ year, month: 1, day: 1 });
            day.year === year;
            day = day.add({ days: 1 })
          ) {
            const name = calendar.holidayName(day, app);
            if (name !== null) named.set(day.toString(), name);
            expect(calendar.isHoliday(day)).toBe(name !== null);
          }
          expect(named, `${state} ${year} ${app}`).toEqual(expected);
        }
      }
    }
  });

  it('name holidays in Spanish where the data translates them, in English otherwise', () => {
    const pa = stateCalendar('PA');
    const day = (s: string) => Temporal.PlainDate.from(s);
    expect(pa.holidayName(day('2026-11-26'))).toBe('Thanksgiving Day');
    expect(pa.holidayName(day('2026-11-26'), 'es')).toBe('Acción de Gracias');
    // US English, not the world's "Labour Day".
    expect(pa.holidayName(day('2027-09-06'))).toBe('Labor Day');
    // Sunday July 4, 2027 is observed on Monday.
    expect(pa.holidayName(day('2027-07-05'))).toBe('Independence Day (substitute day)');
    expect(pa.holidayName(day('2027-07-05'), 'es')).toBe('Día de la Independencia (día sustituto)');
    expect(pa.holidayName(day('2026-06-19'), 'es')).toBe('Juneteenth');
    expect(pa.holidayName(day('2026-06-18'), 'es')).toBeNull();
  });
});
