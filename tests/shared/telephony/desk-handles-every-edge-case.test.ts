import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Call,
  type CompletedCall,
  type Desk,
  type DeskEvent,
  defaultTeamSettings,
  isLive,
  longestWrapUp,
  newDesk,
  reduce,
  type TeamSettings,
  takeCompleted,
  timeInStates,
  timers,
  wrapUpTime,
} from '../../../shared/telephony';

const settings = {
  ...defaultTeamSettings,
  ringSeconds: 20,
  wrapUpLimitSeconds: 120,
  goals: { talkSeconds: 300, holdSeconds: 60, wrapUpSeconds: 60 },
  warnAt: 0.8,
};
const caller = { from: '+12155550100', language: 'es' as const, reason: 'high-bill' };

/**
 * A desk and a fake clock: each step says how many seconds later it happens. The calls the desk
 * finished on the way are collected, as the softphone slice collects them for recording.
 */
function run(
  steps: [number, DeskEvent][],
  team: TeamSettings = settings,
): { desk: Desk; now: number; completed: CompletedCall[] } {
  let desk = newDesk(0);
  let now = 0;
  const completed: CompletedCall[] = [];
  for (const [after, event] of steps) {
    now += after * 1000;
    const [next, done] = takeCompleted(reduce(desk, event, now, team));
    desk = next;
    completed.push(...done);
  }
  return { desk, now, completed };
}

/** Talk, hold and wrap-up of finished calls, in seconds, by call. */
const seconds = (completed: CompletedCall[]) =>
  Object.fromEntries(
    completed.map((c) => [
      c.call.id,
      { talk: c.call.talkMs / 1000, hold: c.call.holdMs / 1000, wrapUp: c.wrapUpMs / 1000 },
    ]),
  );

const available: [number, DeskEvent][] = [[0, { type: 'choose', state: 'available' }]];
const answered: [number, DeskEvent][] = [
  ...available,
  [10, { type: 'incoming', callId: 'c1', caller }],
  [5, { type: 'accept', callId: 'c1' }],
];

describe('the agent’s desk', () => {
  it('rings, connects, holds, resumes, ends into wrap-up, and needs a code before Available', () => {
    const { desk, now } = run([
      ...answered,
      [60, { type: 'hold' }],
      [30, { type: 'resume' }],
      [90, { type: 'hangup' }],
    ]);
    expect(desk.state).toBe('wrap-up');
    const call = desk.wrapUp!.calls[0];
    expect([call.talkMs, call.holdMs, call.endReason]).toEqual([150_000, 30_000, 'agent-hangup']);
    const refused = reduce(desk, { type: 'choose', state: 'available' }, now + 5_000, settings);
    expect([refused.state, refused.notice]).toEqual(['wrap-up', 'notice.wrapUpCodeRequired']);
    const coded = reduce(
      refused,
      { type: 'wrap-up-code', code: 'high-bill' },
      now + 20_000,
      settings,
    );
    const done = reduce(coded, { type: 'choose', state: 'available' }, now + 25_000, settings);
    expect(done.state).toBe('available');
    const [, completed] = takeCompleted(done);
    expect(completed).toMatchObject([
      {
        wrapUpCode: 'high-bill',
        wrapUpMs: 25_000,
        timedOut: false,
        call: { id: 'c1', talkMs: 150_000, holdMs: 30_000 },
      },
    ]);
  });

  it('ends wrap-up at the team’s limit and goes where the team says, with a timeout code', () => {
    const ended = run([...answered, [40, { type: 'hangup' }]]);
    const at = (s: number) => reduce(ended.desk, { type: 'tick' }, ended.now + s * 1000, settings);
    expect(at(119).state).toBe('wrap-up');
    const limit = at(120);
    expect([
      limit.state,
      limit.notice,
      limit.completed[0].wrapUpCode,
      limit.completed[0].timedOut,
    ]).toEqual(['available', 'notice.wrapUpLimit', 'wrap-up-timeout', true]);
    const strict = reduce(ended.desk, { type: 'tick' }, ended.now + 120_000, {
      ...settings,
      afterWrapUp: 'not-ready',
    });
    expect([strict.state, strict.notReadyReason]).toEqual(['not-ready', 'wrap-up-limit']);
  });

  it('turns a missed call into Not ready, saying why', () => {
    const ringing = run([...available, [1, { type: 'incoming', callId: 'c1', caller }]]);
    expect(reduce(ringing.desk, { type: 'tick' }, ringing.now + 19_999, settings).state).toBe(
      'ringing',
    );
    const missed = reduce(ringing.desk, { type: 'tick' }, ringing.now + 20_000, settings);
    expect([missed.state, missed.notReadyReason, missed.notice]).toEqual([
      'not-ready',
      'missed-call',
      'notice.missedCall',
    ]);
  });

  it('lets a call ring in wrap-up, accepted only once a code is chosen; if missed, Not ready after wrap-up', () => {
    const wrap = run([
      ...answered,
      [30, { type: 'hangup' }],
      [5, { type: 'incoming', callId: 'c2', caller }],
    ]);
    expect([wrap.desk.state, wrap.desk.other?.id, wrap.desk.notice]).toEqual([
      'wrap-up',
      'c2',
      'notice.ringingInWrapUp',
    ]);
    expect(
      reduce(wrap.desk, { type: 'accept', callId: 'c2' }, wrap.now + 1000, settings).notice,
    ).toBe('notice.wrapUpCodeRequired');
    const coded = reduce(
      wrap.desk,
      { type: 'wrap-up-code', code: 'other' },
      wrap.now + 1000,
      settings,
    );
    const taken = reduce(coded, { type: 'accept', callId: 'c2' }, wrap.now + 2000, settings);
    expect([taken.state, taken.active?.id, taken.completed.length]).toEqual(['on-call', 'c2', 1]);

    const missed = reduce(wrap.desk, { type: 'tick' }, wrap.now + 20_000, settings);
    expect([missed.state, missed.other, missed.missedDuringWrapUp]).toEqual([
      'wrap-up',
      null,
      true,
    ]);
    const coded2 = reduce(
      missed,
      { type: 'wrap-up-code', code: 'other' },
      wrap.now + 21_000,
      settings,
    );
    const after = reduce(
      coded2,
      { type: 'choose', state: 'available' },
      wrap.now + 22_000,
      settings,
    );
    expect([after.state, after.notReadyReason]).toEqual(['not-ready', 'missed-call']);
  });

  it('handles a second call during a call: the first goes on hold, and comes back when the second ends', () => {
    const two = run([
      ...answered,
      [30, { type: 'incoming', callId: 'c2', caller }],
      [3, { type: 'accept', callId: 'c2' }],
    ]);
    expect([
      two.desk.state,
      two.desk.active?.id,
      two.desk.other?.id,
      two.desk.other?.state,
    ]).toEqual(['on-call', 'c2', 'c1', 'on-hold']);
    const back = reduce(two.desk, { type: 'hangup' }, two.now + 60_000, settings);
    expect([back.state, back.active?.id, back.wrapUp?.calls.map((c) => c.id)]).toEqual([
      'on-hold',
      'c1',
      ['c2'],
    ]);
    const resumed = reduce(back, { type: 'resume' }, back.since + 1000, settings);
    const ended = reduce(resumed, { type: 'hangup' }, back.since + 31_000, settings);
    expect([ended.state, ended.wrapUp?.calls.map((c) => c.id)]).toEqual(['wrap-up', ['c2', 'c1']]);
    // c1: answered at 15 s, held at 48 s when c2 was taken (33 s of talk), held until it was resumed
    // at 109 s (61 s), then 30 s more of talk.
    const c1 = ended.wrapUp!.calls[1];
    expect([c1.talkMs, c1.holdMs]).toEqual([63_000, 61_000]);
  });

  it('ends the call into wrap-up when the caller hangs up on hold', () => {
    const { desk } = run([
      ...answered,
      [20, { type: 'hold' }],
      [45, { type: 'caller-hangup', callId: 'c1' }],
    ]);
    expect([desk.state, desk.wrapUp?.calls[0].endReason, desk.wrapUp?.calls[0].holdMs]).toEqual([
      'wrap-up',
      'caller-hangup',
      45_000,
    ]);
  });

  it('returns a failed transfer to the agent, on hold, and tells them', () => {
    const { desk, now } = run([
      ...answered,
      [20, { type: 'transfer-started', target: 'billing queue' }],
      [15, { type: 'transfer-failed' }],
    ]);
    expect([desk.state, desk.active?.state, desk.notice]).toEqual([
      'on-hold',
      'on-hold',
      'notice.transferFailed',
    ]);
    const resumed = reduce(desk, { type: 'resume' }, now + 1000, settings);
    expect(resumed.state).toBe('on-call');
    const moved = run([
      ...answered,
      [20, { type: 'transfer-started', target: 'agent:u-lead' }],
      [5, { type: 'transfer-completed' }],
    ]);
    expect([moved.desk.state, moved.desk.wrapUp?.calls[0].endReason]).toEqual([
      'wrap-up',
      'transferred',
    ]);
  });

  it('does not let the agent leave a call by choosing a state', () => {
    const { desk } = run(answered);
    const r = reduce(desk, { type: 'choose', state: 'break' }, 100_000, settings);
    expect([r.state, r.notice]).toEqual(['on-call', 'notice.busy']);
  });

  it('keeps break, lunch, training and meeting reason codes, the team’s first when none is given', () => {
    const { desk } = run([
      ...available,
      [10, { type: 'choose', state: 'training', reasonCode: 'coaching' }],
    ]);
    expect([desk.state, desk.reasonCode]).toEqual(['training', 'coaching']);
    const lunch = reduce(desk, { type: 'choose', state: 'lunch' }, 20_000, settings);
    expect([lunch.state, lunch.reasonCode]).toEqual(['lunch', 'lunch']);
    const back = reduce(lunch, { type: 'choose', state: 'available' }, 30_000, settings);
    expect([back.state, back.reasonCode]).toEqual(['available', null]);
  });

  it('refuses a reason code the team does not have, staying where it was', () => {
    const { desk } = run(available);
    const r = reduce(desk, { type: 'choose', state: 'break', reasonCode: 'nap' }, 5_000, settings);
    expect([r.state, r.notice, r.reasonCode]).toEqual([
      'available',
      'notice.unknownReasonCode',
      null,
    ]);
  });

  it('lets the caller give up while ringing without counting it as the agent’s miss', () => {
    const ringing = run([...available, [1, { type: 'incoming', callId: 'c1', caller }]]);
    const gone = reduce(
      ringing.desk,
      { type: 'caller-hangup', callId: 'c1' },
      ringing.now + 5_000,
      settings,
    );
    expect([gone.state, gone.active, gone.wrapUp, gone.notReadyReason]).toEqual([
      'available',
      null,
      null,
      null,
    ]);
  });

  it('tells the agent of a second call missed during a call, and keeps them on the first', () => {
    const two = run([...answered, [30, { type: 'incoming', callId: 'c2', caller }]]);
    expect([two.desk.other?.id, two.desk.notice]).toEqual(['c2', 'notice.callWaiting']);
    const missed = reduce(two.desk, { type: 'tick' }, two.now + 20_000, settings);
    expect([missed.state, missed.active?.id, missed.other, missed.notice]).toEqual([
      'on-call',
      'c1',
      null,
      'notice.missedCall',
    ]);
  });

  it('sends a call that arrives while the agent is away back, saying so', () => {
    const { desk, now } = run([...available, [5, { type: 'choose', state: 'lunch' }]]);
    const r = reduce(desk, { type: 'incoming', callId: 'c1', caller }, now + 1000, settings);
    expect([r.state, r.active, r.notice]).toEqual(['lunch', null, 'notice.notAvailable']);
  });

  it('measures timers against the goals, warning at 80% and over the goal after it', () => {
    const { desk, now } = run(answered);
    expect(timers(desk, now + 239_000, settings).talk).toBe('ok');
    expect(timers(desk, now + 240_000, settings).talk).toBe('warning');
    expect(timers(desk, now + 300_000, settings).talk).toBe('warning');
    expect(timers(desk, now + 301_000, settings)).toMatchObject({ talk: 'over', talkSeconds: 301 });
  });
});

describe('wrap-up with more than one call', () => {
  it('at the wrap-up limit with a call ringing, makes that call the agent’s, ringing; missing it is Not ready, saying why', () => {
    // c1 ends at 55 s; c2 rings at 165 s, 110 s into the wrap-up; the limit comes at 175 s.
    const { desk, now, completed } = run([
      ...answered,
      [40, { type: 'hangup' }],
      [110, { type: 'incoming', callId: 'c2', caller }],
      [10, { type: 'tick' }],
    ]);
    expect([desk.state, desk.active?.id, desk.active?.state, desk.other, desk.notice]).toEqual([
      'ringing',
      'c2',
      'ringing',
      null,
      'notice.wrapUpLimit',
    ]);
    expect(completed).toMatchObject([
      { call: { id: 'c1' }, wrapUpCode: 'wrap-up-timeout', wrapUpMs: 120_000, timedOut: true },
    ]);
    const taken = reduce(desk, { type: 'accept', callId: 'c2' }, now + 2_000, settings);
    expect(taken.state).toBe('on-call');
    // c2 rang at 165 s: missed at 185 s.
    expect(reduce(desk, { type: 'tick' }, now + 9_999, settings).state).toBe('ringing');
    const missed = reduce(desk, { type: 'tick' }, now + 10_000, settings);
    expect([missed.state, missed.notReadyReason, missed.active, missed.notice]).toEqual([
      'not-ready',
      'missed-call',
      null,
      'notice.missedCall',
    ]);
  });

  it('takes a call ringing in wrap-up when the agent goes Available, and lets it go when they go away', () => {
    const wrap = run([
      ...answered,
      [30, { type: 'hangup' }],
      [5, { type: 'incoming', callId: 'c2', caller }],
      [2, { type: 'wrap-up-code', code: 'high-bill' }],
    ]);
    const ready = reduce(wrap.desk, { type: 'choose', state: 'available' }, wrap.now, settings);
    expect([ready.state, ready.active?.id, ready.other, ready.completed.length]).toEqual([
      'ringing',
      'c2',
      null,
      1,
    ]);
    const away = reduce(
      wrap.desk,
      { type: 'choose', state: 'break', reasonCode: 'personal' },
      wrap.now,
      settings,
    );
    expect([away.state, away.active, away.other]).toEqual(['break', null, null]);
  });

  it('gives each call its own wrap-up when one ends while another waits, counting none of the other’s talk', () => {
    // c1 answered at 15 s; c2 rings at 25 s; c1 ends at 27 s; c2 answered at 30 s and talks 300 s;
    // the code at 335 s, Available at 340 s.
    const { desk, completed } = run([
      ...answered,
      [10, { type: 'incoming', callId: 'c2', caller }],
      [2, { type: 'hangup' }],
      [3, { type: 'accept', callId: 'c2' }],
      [300, { type: 'hangup' }],
      [5, { type: 'wrap-up-code', code: 'other' }],
      [5, { type: 'choose', state: 'available' }],
    ]);
    expect(desk.state).toBe('available');
    // c1: 3 s of wrap-up while c2 rang, stopped for c2's 300 s, then the last 10 s.
    expect(seconds(completed)).toEqual({
      c1: { talk: 12, hold: 0, wrapUp: 13 },
      c2: { talk: 300, hold: 0, wrapUp: 10 },
    });
  });

  it('keeps the wrap-up of a call that ended while the next one rang, if that one is missed: its limit ends it, then Not ready', () => {
    const ringing = run([
      ...answered,
      [10, { type: 'incoming', callId: 'c2', caller }],
      [2, { type: 'hangup' }],
    ]);
    expect([ringing.desk.state, ringing.desk.active?.id]).toEqual(['ringing', 'c2']);
    // c2 rang at 25 s: missed at 45 s; c1's wrap-up began at 27 s, so its limit comes at 147 s.
    const missed = reduce(ringing.desk, { type: 'tick' }, 45_000, settings);
    expect([missed.state, missed.active, missed.missedDuringWrapUp, missed.notice]).toEqual([
      'wrap-up',
      null,
      true,
      'notice.missedCall',
    ]);
    expect(reduce(missed, { type: 'tick' }, 146_999, settings).state).toBe('wrap-up');
    const [limit, done] = takeCompleted(reduce(missed, { type: 'tick' }, 147_000, settings));
    expect([limit.state, limit.notReadyReason, limit.wrapUp]).toEqual([
      'not-ready',
      'missed-call',
      null,
    ]);
    expect(done).toMatchObject([{ call: { id: 'c1' }, wrapUpMs: 120_000, timedOut: true }]);
  });

  it('applies the wrap-up limit while the next call rings, leaving the agent ringing', () => {
    const team = { ...settings, wrapUpLimitSeconds: 10 };
    const { desk, completed } = run(
      [
        ...answered,
        [10, { type: 'incoming', callId: 'c2', caller }],
        [2, { type: 'hangup' }],
        [10, { type: 'tick' }],
      ],
      team,
    );
    expect([desk.state, desk.active?.id, desk.wrapUp]).toEqual(['ringing', 'c2', null]);
    expect(completed).toMatchObject([
      { call: { id: 'c1' }, wrapUpCode: 'wrap-up-timeout', wrapUpMs: 10_000 },
    ]);
  });

  it('stops a call’s wrap-up while the agent talks on the held call, and runs it again after', () => {
    // c1 answered at 15 s; c2 taken at 48 s (c1 held); c2 ends at 108 s; c1 resumed at 118 s and
    // ended at 148 s; the code and the finish at 168 s.
    const { completed } = run([
      ...answered,
      [30, { type: 'incoming', callId: 'c2', caller }],
      [3, { type: 'accept', callId: 'c2' }],
      [60, { type: 'hangup' }],
      [10, { type: 'resume' }],
      [30, { type: 'hangup' }],
      [20, { type: 'wrap-up-code', code: 'other' }],
      [0, { type: 'choose', state: 'available' }],
    ]);
    // c2's wrap-up: stopped from 108 s to 148 s while c1 was live (held, then talking), then 20 s.
    expect(seconds(completed)).toEqual({
      c2: { talk: 60, hold: 0, wrapUp: 20 },
      c1: { talk: 63, hold: 70, wrapUp: 20 },
    });
  });
});

describe('signing out', () => {
  it('ends a live call and wraps it up with the timeout code, leaving nothing at the desk', () => {
    const { desk, completed } = run([
      ...answered,
      [30, { type: 'incoming', callId: 'c2', caller }],
      [5, { type: 'sign-out' }],
    ]);
    expect([desk.state, desk.active, desk.other, desk.wrapUp, desk.loggedInAt]).toEqual([
      'offline',
      null,
      null,
      null,
      null,
    ]);
    expect(completed).toMatchObject([
      {
        call: { id: 'c1', endReason: 'agent-hangup', talkMs: 35_000 },
        wrapUpCode: 'wrap-up-timeout',
        wrapUpMs: 0,
        timedOut: true,
      },
    ]);
  });

  it('wraps up a call in wrap-up with the code the agent chose', () => {
    const { desk, completed } = run([
      ...answered,
      [30, { type: 'hangup' }],
      [10, { type: 'wrap-up-code', code: 'high-bill' }],
      [5, { type: 'sign-out' }],
    ]);
    expect(desk.state).toBe('offline');
    expect(completed).toMatchObject([
      { call: { id: 'c1' }, wrapUpCode: 'high-bill', wrapUpMs: 15_000, timedOut: false },
    ]);
  });

  it('does not count time Offline as time logged in', () => {
    const { desk, now } = run([
      ...available,
      [60, { type: 'choose', state: 'offline' }],
      [600, { type: 'choose', state: 'available' }],
      [30, { type: 'choose', state: 'lunch' }],
    ]);
    expect(timeInStates(desk, now + 10_000)).toEqual({ available: 90_000, lunch: 10_000 });
  });
});

describe('the desk under any sequence of events (property)', () => {
  const choices = fc.constantFrom<DeskEvent>(
    { type: 'choose', state: 'available' },
    { type: 'choose', state: 'break', reasonCode: 'personal' },
    { type: 'choose', state: 'lunch' },
    { type: 'choose', state: 'not-ready', reasonCode: 'callback' },
    { type: 'choose', state: 'training', reasonCode: 'no-such-code' },
    { type: 'choose', state: 'offline' },
    { type: 'sign-out' },
  );
  const calls = fc.constantFrom<DeskEvent>(
    { type: 'hangup' },
    { type: 'hold' },
    { type: 'resume' },
    { type: 'transfer-started', target: 'q' },
    { type: 'transfer-failed' },
    { type: 'transfer-completed' },
    { type: 'wrap-up-code', code: 'other' },
    { type: 'tick' },
  );
  /** What the adapter says of a call: which call is filled in from the desk as it stands. */
  type Aimed = {
    type: 'accept' | 'reject' | 'caller-hangup' | 'account';
    at: 'ringing' | 'active' | 'other';
  };
  const aimed = fc.constantFrom<Aimed>(
    { type: 'accept', at: 'ringing' },
    { type: 'reject', at: 'ringing' },
    { type: 'caller-hangup', at: 'ringing' },
    { type: 'caller-hangup', at: 'active' },
    { type: 'caller-hangup', at: 'other' },
    { type: 'account', at: 'active' },
  );
  const events = fc.oneof(
    { arbitrary: choices, weight: 2 },
    { arbitrary: calls, weight: 6 },
    { arbitrary: aimed, weight: 4 },
    { arbitrary: fc.constant({ type: 'incoming' as const }), weight: 3 },
  );
  let rings = 0;
  /** The event as the desk gets it: each ring a new call, each call event aimed at a call of the desk. */
  function concrete(e: DeskEvent | Aimed | { type: 'incoming' }, d: Desk): DeskEvent {
    if (e.type === 'incoming') return { type: 'incoming', callId: `c${++rings}`, caller };
    if (!('at' in e)) return e;
    const ringing = [d.other, d.active].find((c) => c?.state === 'ringing');
    const call = e.at === 'ringing' ? ringing : e.at === 'active' ? d.active : d.other;
    const callId = call?.id ?? 'gone';
    return e.type === 'account'
      ? { type: 'account', callId, accountNumber: 'PA-1000001' }
      : { type: e.type, callId };
  }
  // A wrap-up limit close to the ring time, so that calls ring across its end as often as not.
  const team: TeamSettings = { ...settings, wrapUpLimitSeconds: 30 };
  const limitMs = team.wrapUpLimitSeconds * 1000;
  const ringMs = team.ringSeconds * 1000;
  // Mostly gaps shorter than a ring; now and then a long one, past every limit.
  const gap = fc.oneof(
    { arbitrary: fc.integer({ min: 0, max: 25_000 }), weight: 4 },
    { arbitrary: fc.integer({ min: 0, max: 200_000 }), weight: 1 },
  );
  const callsOf = (d: Desk) =>
    [d.active, d.other, ...(d.wrapUp?.calls ?? [])].filter((c): c is Call => c !== null);

  it('keeps its time, its calls and its wrap-ups true', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(gap, events), { maxLength: 80, size: 'max' }), (steps) => {
        let desk = reduce(newDesk(0), { type: 'choose', state: 'available' }, 0, team);
        let now = 0;
        // The observer only sees the desk after each event and integrates time itself.
        const observed: Record<string, number> = {};
        let sessions = 0;
        for (const [ms, generated] of steps) {
          const event = concrete(generated, desk);
          const before = desk;
          if (desk.state !== 'offline') {
            observed[desk.state] = (observed[desk.state] ?? 0) + ms;
            sessions += ms;
          }
          now += ms;
          const [next, completed] = takeCompleted(reduce(desk, event, now, team));
          desk = next;

          // Time: each state's time is what the observer saw; Offline is not logged in.
          const byState = timeInStates(desk, now);
          expect(byState.offline ?? 0).toBe(0);
          for (const [state, spent] of Object.entries(byState))
            expect(spent, state).toBe(observed[state] ?? 0);
          const total = Object.values(byState).reduce((a, b) => a + (b ?? 0), 0);
          expect(total).toBe(sessions);

          // Calls: Ringing when, and only when, the agent's call rings; a call never rings while
          // the agent is Available or away; the state follows the agent's call.
          const ringingCalls = [desk.active, desk.other].filter((c) => c?.state === 'ringing');
          expect(desk.state === 'ringing', 'ringing').toBe(desk.active?.state === 'ringing');
          if (ringingCalls.length > 0)
            expect(['ringing', 'on-call', 'on-hold', 'wrap-up']).toContain(desk.state);
          if (desk.active?.state === 'connected') expect(desk.state).toBe('on-call');
          if (desk.active && ['on-hold', 'transferring'].includes(desk.active.state))
            expect(desk.state).toBe('on-hold');
          if (desk.state === 'wrap-up')
            expect([desk.active, desk.wrapUp !== null]).toEqual([null, true]);
          if (!['ringing', 'on-call', 'on-hold', 'wrap-up'].includes(desk.state))
            expect([desk.active, desk.other, desk.wrapUp]).toEqual([null, null, null]);
          if (desk.other) expect(isLive(desk.active) || desk.state === 'wrap-up').toBe(true);
          if (event.type === 'tick')
            for (const c of ringingCalls) expect(now - c!.ringingAt).toBeLessThan(ringMs);

          // Wrap-up: each call's is its own, never longer than the time since it ended, standing
          // still while the agent is on another call, and within the limit after the clock ticks.
          for (const c of desk.wrapUp?.calls ?? []) {
            expect(c.state).toBe('ended');
            const w = wrapUpTime(c, now);
            expect(w).toBeGreaterThanOrEqual(0);
            expect(w).toBeLessThanOrEqual(now - c.endedAt!);
            const was = before.wrapUp?.calls.find((b) => b.id === c.id);
            if (was && (isLive(before.active) || isLive(before.other)))
              expect(w, 'wrap-up stood still on another call').toBe(wrapUpTime(was, now - ms));
          }
          for (const c of completed) {
            expect(c.wrapUpMs).toBeGreaterThanOrEqual(0);
            expect(c.wrapUpMs).toBeLessThanOrEqual(now - c.call.endedAt!);
          }
          if (event.type === 'tick') expect(longestWrapUp(desk, now)).toBeLessThan(limitMs);

          // A call's talk and hold never exceed its life.
          for (const c of callsOf(desk)) {
            if (c.answeredAt != null)
              expect(c.talkMs + c.holdMs).toBeLessThanOrEqual((c.endedAt ?? now) - c.answeredAt);
          }
          // Only a team's reason code, and only on an away state.
          if (desk.reasonCode !== null)
            expect(settings.reasonCodes[desk.state as keyof typeof settings.reasonCodes]).toContain(
              desk.reasonCode,
            );
        }
      }),
      { numRuns: 500 },
    );
  });
});
