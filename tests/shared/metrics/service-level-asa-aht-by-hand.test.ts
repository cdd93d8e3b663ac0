import { describe, expect, it } from 'vitest';
import {
  applyEvents,
  callRecords,
  defaultQueues,
  type FloorEvent,
  floorEvent,
  floorTotals,
  intervalReport,
  newFloor,
  type QueueSettings,
  queueRows,
} from '../../../shared/metrics';
import { testDay } from './support';

const { date: DATE, timeZone: TZ, start, at: t } = testDay('2026-03-10', 'America/New_York');

let n = 0;
const id = () => `e${++n}`;
const queued = (callId: string, at: number, queue = 'english'): FloorEvent => ({
  kind: 'call.queued',
  id: id(),
  at,
  callId,
  queue,
  language: queue === 'spanish' ? 'es' : 'en',
});
const answered = (callId: string, at: number, agentId = 'a1'): FloorEvent => ({
  kind: 'call.answered',
  id: id(),
  at,
  callId,
  agentId,
  queue: null,
  language: null,
  offeredAt: null,
});
const abandoned = (callId: string, at: number): FloorEvent => ({
  kind: 'call.abandoned',
  id: id(),
  at,
  callId,
});
const ended = (callId: string, at: number, talkS: number, holdS: number): FloorEvent => ({
  kind: 'call.ended',
  id: id(),
  at,
  callId,
  agentId: 'a1',
  talkMs: talkS * 1000,
  holdMs: holdS * 1000,
});
const wrapped = (callId: string, at: number, wrapS: number): FloorEvent => ({
  kind: 'call.wrapped',
  id: id(),
  at,
  callId,
  agentId: 'a1',
  wrapUpMs: wrapS * 1000,
  code: 'billing-question',
});

/**
 * Six calls into the English queue (80% in 20 s, short abandons under 5 s excluded), worked by
 * hand:
 *   c1 answered after  5 s  — within
 *   c2 answered after 20 s  — within (at the threshold counts as within)
 *   c3 answered after 25 s  — outside
 *   c4 abandoned after 10 s — before the threshold: in neither term of the service level
 *   c5 abandoned after 30 s — after the threshold: in the denominator
 *   c6 abandoned after  3 s — a short abandon: excluded from everything
 * Service level = within ÷ (answered + abandoned after) = 2 ÷ (3 + 1) = 50%.
 * Offered = 6 − 1 short = 5; abandon rate = 2 ÷ 5 = 40%; ASA = (5 + 20 + 25) ÷ 3 = 16.67 s.
 * Handle time: c1 300 + 60 + 30 = 390 s, c2 200 + 0 + 50 = 250 s, c3 still talking:
 * AHT = (390 + 250) ÷ 2 = 320 s.
 */
const sixCalls: FloorEvent[] = [
  queued('c1', t(9, 0, 0)),
  answered('c1', t(9, 0, 5)),
  queued('c2', t(9, 1, 0)),
  answered('c2', t(9, 1, 20)),
  queued('c3', t(9, 2, 0)),
  answered('c3', t(9, 2, 25)),
  queued('c4', t(9, 3, 0)),
  abandoned('c4', t(9, 3, 10)),
  queued('c5', t(9, 4, 0)),
  abandoned('c5', t(9, 4, 30)),
  queued('c6', t(9, 5, 0)),
  abandoned('c6', t(9, 5, 3)),
  ended('c1', t(9, 6, 5), 300, 60),
  wrapped('c1', t(9, 6, 35), 30),
  ended('c2', t(9, 5, 40), 200, 0),
  wrapped('c2', t(9, 6, 30), 50),
];

describe('service level, ASA, AHT and abandon rate against hand-computed examples', () => {
  it('every test event is a valid floor event', () => {
    for (const e of sixCalls) expect(floorEvent.safeParse(e).success).toBe(true);
  });

  it('computes the live queue figures by the Genesys definition', () => {
    const floor = applyEvents(newFloor(start, TZ), sixCalls);
    const english = queueRows(floor, t(9, 10))[0];
    expect(english.queue).toBe('english');
    expect(english.offered).toBe(5);
    expect(english.answered).toBe(3);
    expect(english.abandoned).toBe(2);
    expect(english.shortAbandons).toBe(1);
    expect(english.serviceLevel).toBe(0.5);
    expect(english.belowTarget).toBe(true);
    expect(english.abandonRate).toBe(0.4);
    expect(english.asaMs).toBeCloseTo(50_000 / 3, 6);
    expect(english.handled).toBe(2);
    expect(english.ahtMs).toBe(320_000);
  });

  it('counts short abandons as abandons when the setting is 0', () => {
    const queues: Record<string, QueueSettings> = {
      english: { ...defaultQueues.english, shortAbandonSeconds: 0 },
    };
    const floor = applyEvents(newFloor(start, TZ, queues), sixCalls);
    const english = queueRows(floor, t(9, 10)).find((r) => r.queue === 'english')!;
    expect(english.offered).toBe(6);
    expect(english.abandoned).toBe(3);
    expect(english.abandonRate).toBe(0.5);
    // The 3-second abandon was before the threshold: the service level does not move.
    expect(english.serviceLevel).toBe(0.5);
  });

  it('follows each queue’s own threshold: 30 s makes c3 within and c5 not after', () => {
    const queues = { english: { ...defaultQueues.english, thresholdSeconds: 30 } };
    const english = queueRows(applyEvents(newFloor(start, TZ, queues), sixCalls), t(9, 10)).find(
      (r) => r.queue === 'english',
    )!;
    // 3 within ÷ (3 answered + 0 abandoned after 30 s).
    expect(english.serviceLevel).toBe(1);
  });

  it('shows calls waiting and the longest wait', () => {
    const floor = applyEvents(newFloor(start, TZ), [
      queued('w1', t(10, 0, 0)),
      queued('w2', t(10, 0, 40)),
      queued('w3', t(10, 1, 0), 'spanish'),
    ]);
    const rows = queueRows(floor, t(10, 1, 30));
    const english = rows.find((r) => r.queue === 'english')!;
    const spanish = rows.find((r) => r.queue === 'spanish')!;
    expect(english.waiting).toBe(2);
    expect(english.longestWaitMs).toBe(90_000);
    expect(spanish.waiting).toBe(1);
    expect(spanish.longestWaitMs).toBe(30_000);
    expect(english.serviceLevel).toBeNull();
  });

  it('gives the same day totals live and from the stored events', () => {
    const floor = applyEvents(newFloor(start, TZ), sixCalls);
    const report = intervalReport(sixCalls, {
      from: DATE,
      to: DATE,
      timeZone: TZ,
      minutes: 60,
      by: 'queue',
      queues: defaultQueues,
    });
    const {
      date: _d,
      label: _l,
      start: _s,
      end: _e,
      group: _g,
      ...fromEvents
    } = report.totals.find((r) => r.group === 'english')!;
    expect(fromEvents).toEqual(floorTotals(floor));
  });

  /**
   * Abandons at the published boundaries of the English queue (80% in 20 s, short abandons
   * under 5 s), worked by hand:
   *   b1 abandoned after 20.000 s — at the threshold: not after it, in neither term
   *   b2 abandoned after 20.001 s — after the threshold: in the denominator
   *   b3 abandoned after  5.000 s — at the short-abandon limit: an abandon, not a short one
   *   b4 abandoned after  4.999 s — under the limit: a short abandon, excluded
   *   b5 answered  after 20.000 s — at the threshold: within
   * Service level = 1 ÷ (1 answered + 1 abandoned after) = 50%; offered = 5 − 1 short = 4;
   * abandoned = 3; abandon rate = 3 ÷ 4 = 75%.
   */
  it('places abandons exactly at the threshold and at the short-abandon limit', () => {
    const ms = (s: number) => Math.round(s * 1000);
    const at = t(11, 0, 0);
    const boundaries: FloorEvent[] = [
      queued('b1', at),
      abandoned('b1', at + ms(20)),
      queued('b2', at + ms(60)),
      abandoned('b2', at + ms(60) + ms(20.001)),
      queued('b3', at + ms(120)),
      abandoned('b3', at + ms(120) + ms(5)),
      queued('b4', at + ms(180)),
      abandoned('b4', at + ms(180) + ms(4.999)),
      queued('b5', at + ms(240)),
      answered('b5', at + ms(240) + ms(20)),
    ];
    const live = applyEvents(newFloor(start, TZ), boundaries).queues.english;
    expect(live).toMatchObject({
      offered: 5,
      shortAbandons: 1,
      abandoned: 3,
      abandonedAfter: 1,
      answered: 1,
      answeredWithin: 1,
    });
    const english = queueRows(applyEvents(newFloor(start, TZ), boundaries), t(11, 10))[0];
    expect([english.offered, english.abandoned, english.serviceLevel, english.abandonRate]).toEqual(
      [4, 3, 0.5, 0.75],
    );
    // The interval report, from the same events, puts the same calls on the same sides.
    const report = intervalReport(boundaries, {
      from: DATE,
      to: DATE,
      timeZone: TZ,
      minutes: 60,
      by: 'queue',
      queues: defaultQueues,
    });
    expect(report.totals.find((r) => r.group === 'english')).toMatchObject({
      offered: 4,
      abandoned: 3,
      shortAbandons: 1,
      serviceLevel: 0.5,
      abandonRate: 0.75,
    });
  });

  it('rebuilds each call from events arriving out of order', () => {
    const shuffled = [...sixCalls].reverse();
    const c1 = callRecords(shuffled).find((r) => r.callId === 'c1')!;
    expect(c1).toMatchObject({
      offeredAt: t(9, 0, 0),
      answeredAt: t(9, 0, 5),
      talkMs: 300_000,
      holdMs: 60_000,
      wrapUpMs: 30_000,
    });
  });
});
