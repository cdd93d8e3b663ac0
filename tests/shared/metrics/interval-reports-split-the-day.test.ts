import { describe, expect, it } from 'vitest';
import {
  defaultQueues,
  type FloorEvent,
  intervalReport,
  intervalsOf,
} from '../../../shared/metrics';
import { event, testDay } from './support';

const { date: DATE, timeZone: TZ, start, at: t } = testDay('2026-03-10', 'America/New_York');
const e = event;

/**
 * Calls around the 9:15 boundary, worked by hand:
 *   x1 offered 9:14:50, answered 9:15:10 (20 s: within), talk 240 s, hold 0, wrap 60 s, agent a1
 *   x2 offered 9:14:30, abandoned 9:15:05 (35 s: after the threshold)
 *   x3 offered 9:15:00, answered 9:15:30 (30 s: outside), talk 100 s, hold 20 s, wrap 40 s, agent a2
 *   x4 offered 9:44:59, answered 9:45:01 (2 s), still in wrap-up at the end: not handled yet
 * A call belongs to the interval it was offered in.
 *   15 min: 9:00 → x1, x2: offered 2, answered 1, abandoned 1, SL 1 ÷ (1 + 1) = 50%, ASA 20 s,
 *           AHT 300 s; 9:15 → x3: SL 0 ÷ 1 = 0%, ASA 30 s, AHT 160 s; 9:30 → x4: SL 100%, ASA 2 s.
 *   30 min: 9:00 → x1, x2, x3: offered 3, answered 2, SL 1 ÷ 3, ASA 25 s, AHT (300 + 160) ÷ 2 = 230 s.
 *   60 min: 9:00 → all four: SL 2 ÷ 4 = 50%, ASA (20 + 30 + 2) ÷ 3 s.
 */
const events: FloorEvent[] = [
  e('call.queued', t(9, 14, 30), { callId: 'x2', queue: 'english', language: 'en' }),
  e('call.queued', t(9, 14, 50), { callId: 'x1', queue: 'english', language: 'en' }),
  e('call.queued', t(9, 15, 0), { callId: 'x3', queue: 'english', language: 'en' }),
  e('call.abandoned', t(9, 15, 5), { callId: 'x2' }),
  e('call.answered', t(9, 15, 10), {
    callId: 'x1',
    agentId: 'a1',
    queue: null,
    language: null,
    offeredAt: null,
  }),
  e('call.answered', t(9, 15, 30), {
    callId: 'x3',
    agentId: 'a2',
    queue: null,
    language: null,
    offeredAt: null,
  }),
  e('call.ended', t(9, 17, 30), { callId: 'x3', agentId: 'a2', talkMs: 100_000, holdMs: 20_000 }),
  e('call.wrapped', t(9, 18, 10), {
    callId: 'x3',
    agentId: 'a2',
    wrapUpMs: 40_000,
    code: 'high-bill',
  }),
  e('call.ended', t(9, 19, 10), { callId: 'x1', agentId: 'a1', talkMs: 240_000, holdMs: 0 }),
  e('call.wrapped', t(9, 20, 10), {
    callId: 'x1',
    agentId: 'a1',
    wrapUpMs: 60_000,
    code: 'billing-question',
  }),
  e('call.queued', t(9, 44, 59), { callId: 'x4', queue: 'english', language: 'en' }),
  e('call.answered', t(9, 45, 1), {
    callId: 'x4',
    agentId: 'a1',
    queue: null,
    language: null,
    offeredAt: null,
  }),
];

const report = (minutes: 15 | 30 | 60, by: 'queue' | 'agent' = 'queue') =>
  intervalReport(events, {
    from: DATE,
    to: DATE,
    timeZone: TZ,
    minutes,
    by,
    queues: defaultQueues,
  });
const row = (r: ReturnType<typeof report>, label: string, group = 'english') =>
  r.rows.find((x) => x.label === label && x.group === group)!;

describe('interval reports', () => {
  it('have 96, 48 or 24 intervals on an ordinary day, labelled in local time', () => {
    expect(intervalsOf(DATE, TZ, 15)).toHaveLength(96);
    expect(intervalsOf(DATE, TZ, 30)).toHaveLength(48);
    expect(
      intervalsOf(DATE, TZ, 60)
        .map((i) => i.label)
        .slice(0, 3),
    ).toEqual(['00:00', '01:00', '02:00']);
  });

  it('follow the clock on the days daylight saving time begins and ends', () => {
    // 2026-03-08: 2:00 becomes 3:00 in New York (23 hours); 2026-11-01: 2:00 becomes 1:00 (25 hours).
    const spring = intervalsOf('2026-03-08', TZ, 60);
    expect(spring).toHaveLength(23);
    expect(spring.map((i) => i.label)).not.toContain('02:00');
    expect(intervalsOf('2026-11-01', TZ, 15)).toHaveLength(100);
  });

  it('put a call spanning the 9:15 boundary in the quarter hour it was offered in', () => {
    const r = report(15);
    const nine = row(r, '09:00');
    expect(nine).toMatchObject({ offered: 2, answered: 1, abandoned: 1, handled: 1 });
    expect(nine.serviceLevel).toBe(0.5);
    expect(nine.asaMs).toBe(20_000);
    expect(nine.ahtMs).toBe(300_000);
    const quarterPast = row(r, '09:15');
    expect(quarterPast).toMatchObject({ offered: 1, answered: 1, abandoned: 0, serviceLevel: 0 });
    expect(quarterPast.asaMs).toBe(30_000);
    expect(quarterPast.ahtMs).toBe(160_000);
    const halfPast = row(r, '09:30');
    expect(halfPast).toMatchObject({ offered: 1, answered: 1, serviceLevel: 1, asaMs: 2000 });
    // Answered but still wrapping up: not handled, so no handle time yet.
    expect(halfPast.ahtMs).toBeNull();
    expect(row(r, '09:45').offered).toBe(0);
    // The chart's series: every queue together (one queue here, so the same figures).
    const { group: _g, ...together } = r.overall.find((o) => o.label === '09:00')!;
    const { group: _h, ...english } = nine;
    expect(together).toEqual(english);
  });

  it('add up the same calls over 30 and 60 minutes', () => {
    const half = row(report(30), '09:00');
    expect(half).toMatchObject({ offered: 3, answered: 2, abandoned: 1 });
    expect(half.serviceLevel).toBeCloseTo(1 / 3, 10);
    expect(half.asaMs).toBe(25_000);
    expect(half.ahtMs).toBe(230_000);
    const hour = row(report(60), '09:00');
    expect(hour).toMatchObject({ offered: 4, answered: 3, abandoned: 1, serviceLevel: 0.5 });
    expect(hour.asaMs).toBeCloseTo(52_000 / 3, 6);
  });

  it('by agent, hold the calls each agent answered', () => {
    const r = report(15, 'agent');
    expect(r.groups).toEqual(['a1', 'a2']);
    expect(row(r, '09:00', 'a1')).toMatchObject({ answered: 1, handled: 1, ahtMs: 300_000 });
    expect(row(r, '09:00', 'a2').answered).toBe(0);
    expect(row(r, '09:15', 'a2')).toMatchObject({ answered: 1, ahtMs: 160_000 });
    expect(r.totals.find((x) => x.group === 'a1')).toMatchObject({ answered: 2, handled: 1 });
  });

  it('leave out calls of another day', () => {
    const yesterday = start - 3600_000;
    const r = intervalReport(
      [...events, e('call.queued', yesterday, { callId: 'old', queue: 'english', language: 'en' })],
      { from: DATE, to: DATE, timeZone: TZ, minutes: 60, by: 'queue', queues: defaultQueues },
    );
    expect(r.totals.find((x) => x.group === 'english')!.offered).toBe(4);
  });

  it('cover a range of days: each interval on its day, the totals over the range', () => {
    // The day before, 9:05 local (a 23-hour-earlier instant, not "start minus a day": the
    // day before 2026-03-10 in New York is 24 hours long).
    const before = start - (24 - 9) * 3600_000 + 5 * 60_000;
    const r = intervalReport(
      [...events, e('call.queued', before, { callId: 'old', queue: 'english', language: 'en' })],
      {
        from: '2026-03-09',
        to: DATE,
        timeZone: TZ,
        minutes: 60,
        by: 'queue',
        queues: defaultQueues,
      },
    );
    expect(r).toMatchObject({ from: '2026-03-09', to: DATE });
    expect(r.overall).toHaveLength(48);
    expect(r.overall.map((x) => x.date)).toEqual([
      ...Array(24).fill('2026-03-09'),
      ...Array(24).fill(DATE),
    ]);
    const nine = (date: string) =>
      r.rows.find((x) => x.date === date && x.label === '09:00' && x.group === 'english')!;
    expect(nine('2026-03-09').offered).toBe(1);
    expect(nine(DATE).offered).toBe(4);
    expect(r.totals.find((x) => x.group === 'english')!.offered).toBe(5);
    // A single day is a range of one.
    expect(report(60).overall.every((x) => x.date === DATE)).toBe(true);
  });
});
