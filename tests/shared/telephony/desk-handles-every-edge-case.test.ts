import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Desk,
  type DeskEvent,
  defaultTeamSettings,
  newDesk,
  reduce,
  takeCompleted,
  timeInStates,
  timers,
} from '../../../shared/telephony';

const settings = {
  ...defaultTeamSettings,
  ringSeconds: 20,
  wrapUpLimitSeconds: 120,
  goals: { talkSeconds: 300, holdSeconds: 60, wrapUpSeconds: 60 },
  warnAt: 0.8,
};
const caller = { from: '+12155550100', language: 'es' as const, reason: 'high-bill' };

/** A desk and a fake clock: each step says how many seconds later it happens. */
function run(steps: [number, DeskEvent][], start: Desk = newDesk(0)): { desk: Desk; now: number } {
  let desk = start;
  let now = 0;
  for (const [after, event] of steps) {
    now += after * 1000;
    desk = reduce(desk, event, now, settings);
  }
  return { desk, now };
}

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

describe('time in states (property)', () => {
  const choices = fc.constantFrom<DeskEvent>(
    { type: 'choose', state: 'available' },
    { type: 'choose', state: 'break', reasonCode: 'personal' },
    { type: 'choose', state: 'lunch' },
    { type: 'choose', state: 'not-ready', reasonCode: 'callback' },
    { type: 'choose', state: 'training', reasonCode: 'no-such-code' },
    { type: 'choose', state: 'offline' },
  );
  const calls = fc.constantFrom<DeskEvent>(
    { type: 'accept', callId: 'c1' },
    { type: 'accept', callId: 'c2' },
    { type: 'reject', callId: 'c1' },
    { type: 'reject', callId: 'c2' },
    { type: 'hangup' },
    { type: 'hold' },
    { type: 'resume' },
    { type: 'caller-hangup', callId: 'c1' },
    { type: 'caller-hangup', callId: 'c2' },
    { type: 'transfer-started', target: 'q' },
    { type: 'transfer-failed' },
    { type: 'transfer-completed' },
    { type: 'wrap-up-code', code: 'other' },
    { type: 'account', callId: 'c1', accountNumber: 'PA-1000001' },
    { type: 'tick' },
  );
  const events = fc.oneof(
    choices,
    calls,
    fc.constantFrom('c1', 'c2').map((callId): DeskEvent => ({ type: 'incoming', callId, caller })),
  );

  it('adds up, state by state, to what an observer of the desk measured, and in all to the time since logging in', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 200_000 }), events), { maxLength: 80 }),
        (steps) => {
          let desk = reduce(newDesk(0), { type: 'choose', state: 'available' }, 0, settings);
          let now = 0;
          // The observer only sees the state after each event and integrates time itself.
          const observed: Record<string, number> = {};
          for (const [ms, event] of steps) {
            observed[desk.state] = (observed[desk.state] ?? 0) + ms;
            now += ms;
            desk = reduce(desk, event, now, settings);
            const byState = timeInStates(desk, now);
            for (const [state, spent] of Object.entries(byState))
              expect(spent, state).toBe(observed[state] ?? 0);
            const total = Object.values(byState).reduce((a, b) => a + (b ?? 0), 0);
            expect(total).toBe(now - desk.loggedInAt!);
            // A call's talk and hold never exceed its life.
            for (const c of [desk.active, desk.other, ...(desk.wrapUp?.calls ?? [])]) {
              if (c?.answeredAt != null)
                expect(c.talkMs + c.holdMs).toBeLessThanOrEqual((c.endedAt ?? now) - c.answeredAt);
            }
            // Only a team's reason code, and only on an away state.
            if (desk.reasonCode !== null)
              expect(
                settings.reasonCodes[desk.state as keyof typeof settings.reasonCodes],
              ).toContain(desk.reasonCode);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
