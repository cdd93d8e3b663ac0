import { describe, expect, it } from 'vitest';
import { Temporal } from '../../../shared/dates';
import {
  FieldServiceProfileError,
  fieldServiceProfiles,
  getFieldServiceProfile,
  loadFieldServiceProfile,
  orderPriority,
  planServiceOrder,
  utilityToday,
} from '../../../shared/service';

const pa = getFieldServiceProfile('philadelphia-water-pa')!;
const ca = getFieldServiceProfile('santa-margarita-ca')!;
const day = (s: string) => Temporal.PlainDate.from(s);
const booked = (plan: ReturnType<typeof planServiceOrder>) => {
  if (!plan.offered) throw new Error('not offered');
  return plan;
};

describe('service orders on the utility’s calendar', () => {
  it('books routine work the next business morning, 8 to noon in the utility’s time zone', () => {
    // Tuesday 2026-11-17; Wednesday 8 a.m. Eastern (standard time) is 13:00 UTC.
    const plan = booked(
      planServiceOrder(pa, 'reread', {
        now: new Date('2026-11-17T15:00:00Z'),
        today: day('2026-11-17'),
      }),
    );
    expect([plan.day, plan.windowStart, plan.windowEnd]).toEqual([
      '2026-11-18',
      '2026-11-18T13:00:00Z',
      '2026-11-18T17:00:00Z',
    ]);
    expect(plan).toMatchObject({ priority: 'routine', moved: null, escalateTo: [] });
    expect(plan.source.utilitySetting).toBe(true);
  });

  it('follows daylight time: 8 a.m. Pacific in July is 15:00 UTC', () => {
    const plan = booked(
      planServiceOrder(ca, 'meter-test', {
        now: new Date('2026-07-06T18:00:00Z'),
        today: day('2026-07-06'),
      }),
    );
    expect(plan.windowStart).toBe('2026-07-07T15:00:00Z');
  });

  it('skips the state’s holidays: Thanksgiving in Pennsylvania, and the day after too in California', () => {
    const clock = { now: new Date('2026-11-25T15:00:00Z'), today: day('2026-11-25') };
    expect(booked(planServiceOrder(pa, 'reread', clock)).day).toBe('2026-11-27');
    expect(booked(planServiceOrder(ca, 'reread', clock)).day).toBe('2026-11-30');
  });

  it('moves a day asked for on a weekend or a holiday, and says why', () => {
    const clock = { now: new Date('2026-11-17T15:00:00Z'), today: day('2026-11-17') };
    const weekend = booked(planServiceOrder(pa, 'reread', { ...clock, preferred: '2026-11-21' }));
    expect(weekend).toMatchObject({
      day: '2026-11-23',
      moved: { reason: 'weekend', from: '2026-11-21' },
    });
    const holiday = booked(planServiceOrder(pa, 'turn-off', { ...clock, preferred: '2026-12-25' }));
    expect(holiday).toMatchObject({
      day: '2026-12-28',
      moved: { reason: 'holiday', from: '2026-12-25', holiday: 'Christmas Day' },
    });
    const spanish = booked(
      planServiceOrder(pa, 'turn-off', { ...clock, preferred: '2026-12-25' }, 'es'),
    );
    expect(spanish.moved).toMatchObject({ reason: 'holiday', holiday: 'Navidad' });
  });

  it('refuses a day before the lead time, booking the first day possible instead', () => {
    const plan = booked(
      planServiceOrder(pa, 'turn-on', {
        now: new Date('2026-11-17T15:00:00Z'),
        today: day('2026-11-17'),
        preferred: '2026-11-17',
      }),
    );
    expect(plan).toMatchObject({
      day: '2026-11-18',
      moved: { reason: 'too-soon', from: '2026-11-17', earliest: '2026-11-18' },
    });
  });

  it('dispatches emergencies now, within the profile’s response time, told to whom it names', () => {
    const now = new Date('2026-11-21T23:30:00Z');
    const main = booked(
      planServiceOrder(pa, 'emergency-main-break', { now, today: day('2026-11-21') }),
    );
    expect(main).toMatchObject({
      priority: 'emergency',
      windowStart: '2026-11-21T23:30:00.000Z',
      windowEnd: '2026-11-22T00:30:00.000Z',
      escalateTo: ['distribution-dispatch', 'on-call-supervisor'],
      respondWithinMinutes: 60,
    });
    const dry = booked(
      planServiceOrder(pa, 'emergency-no-water', { now, today: day('2026-11-21') }),
    );
    expect(dry).toMatchObject({
      windowEnd: '2026-11-22T03:30:00.000Z',
      escalateTo: ['distribution-dispatch'],
    });
  });

  it('does not dispatch water emergencies for the electric utility', () => {
    const amp = getFieldServiceProfile('alameda-power-ca')!;
    const plan = planServiceOrder(amp, 'emergency-main-break', {
      now: new Date('2026-11-17T15:00:00Z'),
      today: day('2026-11-17'),
    });
    expect(plan.offered).toBe(false);
  });

  it('ranks emergencies, then leaks and shut-offs, then routine work', () => {
    expect(orderPriority('emergency-no-water')).toBe('emergency');
    expect(orderPriority('leak-investigation')).toBe('high');
    expect(orderPriority('field-disconnect')).toBe('high');
    expect(orderPriority('final-read')).toBe('routine');
  });

  it('reads the utility’s date in its own time zone', () => {
    // 2 a.m. UTC on the 18th is still the 17th in Philadelphia and in California.
    const now = new Date('2026-11-18T02:00:00Z');
    expect(utilityToday(pa, now).toString()).toBe('2026-11-17');
    expect(utilityToday(ca, now).toString()).toBe('2026-11-17');
  });

  it('has a profile for every launch utility, every number labelled a utility setting', () => {
    expect(fieldServiceProfiles.map((p) => p.utilityId).sort()).toEqual([
      'alameda-power-ca',
      'marin-water-ca',
      'philadelphia-water-pa',
      'portland-water-me',
      'santa-margarita-ca',
    ]);
    for (const p of fieldServiceProfiles) {
      expect(p.appointment.source.utilitySetting).toBe(true);
      for (const e of Object.values(p.emergencies)) expect(e?.source.utilitySetting).toBe(true);
    }
  });

  it('refuses a malformed profile naming the field', () => {
    const bad = { ...structuredClone(pa), appointment: { ...pa.appointment, startHour: 13 } };
    expect(() => loadFieldServiceProfile(bad)).toThrow(FieldServiceProfileError);
    expect(() => loadFieldServiceProfile(bad)).toThrow(
      /appointment: startHour must be before endHour/,
    );
  });
});
