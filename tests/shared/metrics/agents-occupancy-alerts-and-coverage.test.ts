import { describe, expect, it } from 'vitest';
import {
  agentRows,
  applyEvents,
  type BoardSettings,
  dayBounds,
  defaultLongStateSeconds,
  defaultQueues,
  type FloorEvent,
  floorEvent,
  languageCoverage,
  newFloor,
  queueRows,
  teamRows,
  trainingFloorDay,
} from '../../../shared/metrics';
import type { AgentState } from '../../../shared/telephony';

const TZ = 'America/Chicago';
const DATE = '2026-06-02';
const { start, end } = dayBounds(DATE, TZ);
const t = (h: number, m: number, s = 0) => start + ((h * 60 + m) * 60 + s) * 1000;
const settings: BoardSettings = {
  queues: defaultQueues,
  goals: { talkSeconds: 360, holdSeconds: 60, wrapUpSeconds: 60 },
  longStateSeconds: defaultLongStateSeconds,
};

let n = 0;
const state = (
  agentId: string,
  at: number,
  s: AgentState,
  who: { languages?: ('en' | 'es')[]; team?: string; reasonCode?: string } = {},
): FloorEvent => ({
  kind: 'agent.state',
  id: `s${++n}`,
  at,
  agentId,
  name: agentId.toUpperCase(),
  team: who.team ?? 'care-a',
  languages: who.languages ?? ['en'],
  state: s,
  reasonCode: who.reasonCode ?? null,
});
const answered = (callId: string, agentId: string, at: number, offeredAt: number): FloorEvent => ({
  kind: 'call.answered',
  id: `a${++n}`,
  at,
  callId,
  agentId,
  queue: null,
  language: 'en',
  offeredAt,
});

describe('the agents on the board', () => {
  /**
   * Agent a1 from 8:00: available 10 min, ringing 10 s … on a call (5 min talk, 1 min hold,
   * 14 min 50 s talk), wrap-up 5 min, break 15 min, available again at 8:45.
   * Handling = 20 min on the call + 5 min wrap-up = 25 min; ready = 10 min available + 10 s
   * ringing = 10 min 10 s. Occupancy at 8:45 = 1500 ÷ (1500 + 610).
   */
  const day: FloorEvent[] = [
    state('a1', t(8, 0), 'available'),
    state('a1', t(8, 10), 'ringing'),
    answered('k1', 'a1', t(8, 10, 10), t(8, 10)),
    state('a1', t(8, 10, 10), 'on-call'),
    state('a1', t(8, 15, 10), 'on-hold'),
    state('a1', t(8, 16, 10), 'on-call'),
    {
      kind: 'call.ended',
      id: 'end-k1',
      at: t(8, 30, 10),
      callId: 'k1',
      agentId: 'a1',
      talkMs: 1140_000,
      holdMs: 60_000,
    },
    state('a1', t(8, 30, 10), 'wrap-up'),
    {
      kind: 'call.wrapped',
      id: 'wrap-k1',
      at: t(8, 35, 10),
      callId: 'k1',
      agentId: 'a1',
      wrapUpMs: 300_000,
      code: 'high-bill',
    },
    state('a1', t(8, 35, 10), 'break'),
    state('a1', t(8, 45), 'available'),
  ];

  it('computes occupancy, calls handled and averages from the day’s states and calls', () => {
    const floor = applyEvents(newFloor(start, TZ), day);
    const [a1] = agentRows(floor, t(8, 45), settings);
    expect(a1.state).toBe('available');
    expect(a1.stateSeconds).toBe(0);
    expect(a1.handled).toBe(1);
    expect(a1.avgTalkSeconds).toBe(1140);
    expect(a1.avgWrapUpSeconds).toBe(300);
    expect(a1.occupancy).toBeCloseTo(1500 / 2110, 10);
    // Two minutes later, two more minutes of ready time.
    expect(agentRows(floor, t(8, 47), settings)[0].occupancy).toBeCloseTo(1500 / 2230, 10);
  });

  it('runs the current call’s talk time against the goal, without the hold', () => {
    const floor = applyEvents(newFloor(start, TZ), day.slice(0, 6));
    // At 8:17:10: 5 min talk, 1 min hold, 1 min talk again.
    const [a1] = agentRows(floor, t(8, 17, 10), settings);
    expect(a1.talkSeconds).toBe(360);
    expect(a1.holdSeconds).toBe(60);
    expect(a1.talkLevel).toBe('warning');
    expect(a1.alerts).toEqual([]);
    const later = agentRows(floor, t(8, 17, 11), settings)[0];
    expect(later.talkLevel).toBe('over');
    expect(later.alerts).toEqual([
      { kind: 'talk-over-goal', state: 'on-call', seconds: 361, limitSeconds: 360 },
    ]);
  });

  it('raises a hold alert and a wrap-up alert past their goals', () => {
    const onHold = applyEvents(newFloor(start, TZ), day.slice(0, 5));
    expect(agentRows(onHold, t(8, 16, 11), settings)[0].alerts.map((a) => a.kind)).toEqual([
      'hold-over-goal',
    ]);
    const wrapping = applyEvents(newFloor(start, TZ), day.slice(0, 8));
    expect(agentRows(wrapping, t(8, 31, 11), settings)[0].alerts).toEqual([
      { kind: 'wrap-up-over-goal', state: 'wrap-up', seconds: 61, limitSeconds: 60 },
    ]);
  });

  it('raises a long-state alert past the state’s limit (a break over 15 minutes)', () => {
    const floor = applyEvents(newFloor(start, TZ), day.slice(0, 10));
    expect(agentRows(floor, t(8, 50, 10), settings)[0].alerts).toEqual([]);
    expect(agentRows(floor, t(8, 50, 11), settings)[0].alerts).toEqual([
      { kind: 'long-state', state: 'break', seconds: 901, limitSeconds: 900 },
    ]);
  });

  it('keeps a state reported again (a desktop reconnecting) as one stretch', () => {
    const floor = applyEvents(newFloor(start, TZ), [
      state('a2', t(9, 0), 'not-ready', { reasonCode: 'coaching' }),
      state('a2', t(9, 5), 'not-ready', { reasonCode: 'coaching' }),
    ]);
    expect(agentRows(floor, t(9, 11), settings)[0]).toMatchObject({
      stateSeconds: 660,
      reasonCode: 'coaching',
      alerts: [{ kind: 'long-state', state: 'not-ready', seconds: 660, limitSeconds: 600 }],
    });
  });

  it('shows Spanish coverage: Spanish-speaking agents available against Spanish calls waiting', () => {
    const floor = applyEvents(newFloor(start, TZ), [
      state('b1', t(10, 0), 'available', { languages: ['en', 'es'] }),
      state('b2', t(10, 0), 'on-call', { languages: ['en', 'es'] }),
      state('b3', t(10, 0), 'available', { languages: ['en'] }),
      {
        kind: 'call.queued',
        id: 'q1',
        at: t(10, 1),
        callId: 's1',
        queue: 'spanish',
        language: 'es',
      },
      {
        kind: 'call.queued',
        id: 'q2',
        at: t(10, 2),
        callId: 's2',
        queue: 'spanish',
        language: 'es',
      },
    ]);
    expect(languageCoverage(floor, 'es', t(10, 3))).toEqual({
      language: 'es',
      agentsStaffed: 2,
      agentsAvailable: 1,
      callsWaiting: 2,
      longestWaitMs: 120_000,
      short: true,
    });
    const spanish = queueRows(floor, t(10, 3)).find((q) => q.queue === 'spanish')!;
    expect(spanish).toMatchObject({ agentsStaffed: 2, agentsAvailable: 1, waiting: 2 });
  });

  it('groups agents by team', () => {
    const floor = applyEvents(newFloor(start, TZ), [
      ...day,
      state('c1', t(8, 0), 'on-call', { team: 'care-b' }),
      state('c2', t(8, 0), 'offline', { team: 'care-b' }),
    ]);
    const teams = teamRows(floor, t(8, 45));
    expect(teams.map((r) => [r.team, r.agentsStaffed, r.agentsOnCall, r.handled])).toEqual([
      ['care-a', 1, 0, 1],
      ['care-b', 1, 1, 0],
    ]);
    expect(teams[0].ahtMs).toBe(1_500_000);
  });

  it('marks a lead’s directive pending until the agent is in the state', () => {
    const directed: FloorEvent = {
      kind: 'agent.directed',
      id: 'd1',
      at: t(8, 46),
      agentId: 'a1',
      state: 'break',
      reasonCode: 'rest-break',
      why: 'coaching',
      by: 'u-lead',
      byName: 'Jordan Lee',
    };
    const floor = applyEvents(newFloor(start, TZ), [...day, directed]);
    expect(agentRows(floor, t(8, 46), settings)[0].pending).toMatchObject({
      state: 'break',
      by: 'u-lead',
    });
    const applied = applyEvents(floor, [state('a1', t(8, 47), 'break')]);
    expect(agentRows(applied, t(8, 47), settings)[0].pending).toBeNull();
  });

  it('leaves the floor it was given as it was (a new floor comes back)', () => {
    const before = applyEvents(newFloor(start, TZ), day.slice(0, 3));
    const copy = structuredClone(before);
    const after = applyEvents(before, day.slice(3));
    expect(before).toEqual(copy);
    expect(after.agents.a1.state).toBe('available');
  });

  it('starts the tallies again on a new day and keeps who is logged in', () => {
    const floor = applyEvents(newFloor(start, TZ), day);
    const tomorrow = applyEvents(floor, [state('a1', end + 60_000, 'not-ready')]);
    expect(tomorrow.day.date).toBe('2026-06-03');
    expect(tomorrow.queues).toEqual({});
    expect(agentRows(tomorrow, end + 120_000, settings)[0]).toMatchObject({
      state: 'not-ready',
      handled: 0,
    });
  });
});

describe('the training floor', () => {
  const options = { date: DATE, timeZone: TZ, agents: 24 };

  it('is the same day for the same date and seed, and another for another date', () => {
    const a = trainingFloorDay(options);
    expect(trainingFloorDay(options)).toEqual(a);
    expect(trainingFloorDay({ ...options, date: '2026-06-03' })).not.toEqual(a);
  });

  it('is a plausible day: valid events in order, calls answered or abandoned, each once', () => {
    const events = trainingFloorDay(options);
    for (const e of events) expect(floorEvent.safeParse(e).success).toBe(true);
    expect(events.every((e, i) => i === 0 || events[i - 1].at <= e.at)).toBe(true);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    const outcome = new Map<string, string[]>();
    for (const e of events)
      if (e.kind === 'call.answered' || e.kind === 'call.abandoned')
        outcome.set(e.callId, [...(outcome.get(e.callId) ?? []), e.kind]);
    expect([...outcome.values()].every((o) => o.length === 1)).toBe(true);
    const floor = applyEvents(newFloor(start, TZ), events);
    const rows = queueRows(floor, end - 1);
    const english = rows.find((r) => r.queue === 'english')!;
    expect(english.offered).toBeGreaterThan(500);
    expect(english.serviceLevel).toBeGreaterThan(0.4);
    expect(english.ahtMs).toBeGreaterThan(60_000);
    expect(rows.find((r) => r.queue === 'spanish')!.offered).toBeGreaterThan(100);
  });
});
