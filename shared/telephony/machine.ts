import { longestWrapUp, wrapUpTime } from './timers';
import {
  type AgentState,
  type Call,
  type Caller,
  type ChosenState,
  type Desk,
  type StateWithReason,
  statesWithReasons,
  type TeamSettings,
} from './types';

/** What happens to the desk: the agent's choices and the softphone adapter's events. */
export type DeskEvent =
  | { type: 'choose'; state: ChosenState; reasonCode?: string }
  | { type: 'incoming'; callId: string; caller: Caller }
  | { type: 'accept'; callId: string }
  | { type: 'reject'; callId: string }
  | { type: 'hangup' }
  | { type: 'caller-hangup'; callId: string }
  | { type: 'hold' }
  | { type: 'resume' }
  | { type: 'transfer-started'; target: string }
  | { type: 'transfer-failed' }
  | { type: 'transfer-completed' }
  | { type: 'wrap-up-code'; code: string }
  | { type: 'account'; callId: string; accountNumber: string }
  /** The agent signs out (or the session ends): calls end, wrap-up closes, the desk goes Offline. */
  | { type: 'sign-out' }
  | { type: 'tick' };

export function newDesk(now: number): Desk {
  return {
    state: 'offline',
    since: now,
    loggedInAt: null,
    spent: {},
    notReadyReason: null,
    reasonCode: null,
    active: null,
    other: null,
    wrapUp: null,
    missedDuringWrapUp: false,
    completed: [],
    notice: null,
  };
}

const LIVE: Call['state'][] = ['connected', 'on-hold', 'transferring'];
export const isLive = (c: Call | null): c is Call => c !== null && LIVE.includes(c.state);

/** The call the agent is on, else the last one they are wrapping up: where notes go. */
export const currentCallId = (desk: Desk): string | null =>
  isLive(desk.active) ? desk.active.id : (desk.wrapUp?.calls.at(-1)?.id ?? null);
const isRinging = (c: Call | null): c is Call => c?.state === 'ringing';

/** Changes state, adding the stretch just ended to its state's time. Leaving Offline logs in. */
function moveTo(d: Desk, state: AgentState, now: number): Desk {
  if (d.state === state) return d;
  const spent = { ...d.spent };
  if (d.loggedInAt !== null) spent[d.state] = (spent[d.state] ?? 0) + (now - d.since);
  return {
    ...d,
    state,
    since: now,
    spent,
    loggedInAt: state === 'offline' ? null : (d.loggedInAt ?? now),
    ...(state !== 'not-ready' ? { notReadyReason: null } : {}),
  };
}

/** The agent's state while this call is the one they are on. */
function stateOn(call: Call): AgentState {
  if (call.state === 'ringing') return 'ringing';
  return call.state === 'connected' ? 'on-call' : 'on-hold';
}

/** Closes the running stretch of talk or hold into the call's totals. */
function settle(call: Call, now: number): Call {
  if (call.stretchAt === null) return call;
  const elapsed = now - call.stretchAt;
  return call.state === 'connected'
    ? { ...call, talkMs: call.talkMs + elapsed, stretchAt: now }
    : call.state === 'on-hold' || call.state === 'transferring'
      ? { ...call, holdMs: call.holdMs + elapsed, stretchAt: now }
      : call;
}

function withCallState(call: Call, state: Call['state'], now: number): Call {
  return {
    ...settle(call, now),
    state,
    stretchAt: state === 'ended' || state === 'ringing' ? null : now,
  };
}

function end(call: Call, reason: NonNullable<Call['endReason']>, now: number): Call {
  return { ...withCallState(call, 'ended', now), endedAt: now, endReason: reason };
}

function answered(call: Call, now: number): Call {
  return { ...call, state: 'connected', answeredAt: now, stretchAt: now };
}

/** An answered call that ended joins the wrap-up; its own wrap-up clock starts (see wrapUpClocks). */
function wrapUpWith(wrapUp: Desk['wrapUp'], ended: Call): Desk['wrapUp'] {
  if (ended.answeredAt === null) return wrapUp;
  return wrapUp ? { ...wrapUp, calls: [...wrapUp.calls, ended] } : { calls: [ended], code: null };
}

/**
 * After the agent's call ends: it is wrapped up if it was answered, and the desk follows what
 * remains: the other call (held, or waiting to be answered) becomes the agent's call, else
 * wrap-up, else Available.
 */
function afterEnd(d: Desk, ended: Call, now: number): Desk {
  const wrapUp = wrapUpWith(d.wrapUp, ended);
  if (d.other) return moveTo({ ...d, wrapUp, active: d.other, other: null }, stateOn(d.other), now);
  return moveTo({ ...d, wrapUp, active: null }, wrapUp ? 'wrap-up' : 'available', now);
}

/** The agent's ringing call is gone without being answered: back to wrap-up, else Available. */
function ringingGone(d: Desk, now: number): Desk {
  return moveTo({ ...d, active: null }, d.wrapUp ? 'wrap-up' : 'available', now);
}

/**
 * A call's wrap-up runs only while the agent is on no other call: stopped while one is live
 * (connected, held or being transferred), running again once none is. Applied after every event.
 */
function wrapUpClocks(d: Desk, now: number): Desk {
  if (!d.wrapUp) return d;
  const onAnother = isLive(d.active) || isLive(d.other);
  let changed = false;
  const calls = d.wrapUp.calls.map((c) => {
    if (onAnother && c.wrapUpAt !== null) {
      changed = true;
      return { ...c, wrapUpMs: wrapUpTime(c, now), wrapUpAt: null };
    }
    if (!onAnother && c.wrapUpAt === null) {
      changed = true;
      return { ...c, wrapUpAt: now };
    }
    return c;
  });
  return changed ? { ...d, wrapUp: { ...d.wrapUp, calls } } : d;
}

function finishWrapUp(d: Desk, now: number, settings: TeamSettings, timedOut: boolean): Desk {
  if (!d.wrapUp) return d;
  const { code, calls } = d.wrapUp;
  const completed = [
    ...d.completed,
    ...calls.map((call) => {
      const wrapUpMs = wrapUpTime(call, now);
      return {
        call: { ...call, wrapUpMs, wrapUpAt: null },
        wrapUpCode: code ?? settings.timeoutWrapUpCode,
        wrapUpMs,
        timedOut: timedOut && code === null,
      };
    }),
  ];
  return { ...d, wrapUp: null, completed };
}

function notReady(d: Desk, reason: Desk['notReadyReason'], now: number): Desk {
  return { ...moveTo(d, 'not-ready', now), notReadyReason: reason, reasonCode: null };
}

/** The call that rang during wrap-up becomes the agent's call, ringing on: they are there for it. */
function takeRinging(d: Desk, now: number): Desk {
  return moveTo({ ...d, active: d.other, other: null, missedDuringWrapUp: false }, 'ringing', now);
}

function newCall(id: string, caller: Caller, now: number): Call {
  return {
    id,
    caller,
    state: 'ringing',
    ringingAt: now,
    answeredAt: null,
    endedAt: null,
    endReason: null,
    talkMs: 0,
    holdMs: 0,
    stretchAt: null,
    accountNumber: null,
    transferTarget: null,
    wrapUpMs: 0,
    wrapUpAt: null,
  };
}

/**
 * The desk as a pure state machine: (desk, event, now) → desk. Every edge case the big products
 * get wrong is a rule here: a wrap-up code before Available, a wrap-up limit, a call ringing in
 * wrap-up or missed (Not ready, with the reason), a second call during a call, the caller hanging
 * up on hold, a failed transfer returning the call. Each call's wrap-up is its own, and stops
 * while the agent is on another call.
 */
export function reduce(desk: Desk, event: DeskEvent, now: number, settings: TeamSettings): Desk {
  return wrapUpClocks(apply({ ...desk, notice: null }, event, now, settings), now);
}

function apply(d: Desk, event: DeskEvent, now: number, settings: TeamSettings): Desk {
  switch (event.type) {
    case 'choose': {
      if (d.active) return { ...d, notice: 'notice.busy' };
      const reason = reasonFor(event.state, event.reasonCode, settings);
      if (reason === undefined) return { ...d, notice: 'notice.unknownReasonCode' };
      if (!d.wrapUp) return chooseState(d, event.state, reason, now);
      if (d.wrapUp.code === null) return { ...d, notice: 'notice.wrapUpCodeRequired' };
      const done = finishWrapUp(d, now, settings, false);
      if (isRinging(done.other)) {
        // A call rang during wrap-up: going Available takes it; going away lets it go.
        if (event.state === 'available') return takeRinging(done, now);
        return chooseState({ ...done, other: null }, event.state, reason, now);
      }
      return chooseState(done, event.state, reason, now);
    }
    case 'incoming': {
      if (d.state === 'available')
        return moveTo({ ...d, active: newCall(event.callId, event.caller, now) }, 'ringing', now);
      if ((isLive(d.active) || d.state === 'wrap-up') && d.other === null) {
        return {
          ...d,
          other: newCall(event.callId, event.caller, now),
          notice: d.state === 'wrap-up' ? 'notice.ringingInWrapUp' : 'notice.callWaiting',
        };
      }
      return { ...d, notice: 'notice.notAvailable' };
    }
    case 'accept': {
      // Answering shows the agent is there: an earlier miss no longer sends them Not ready.
      if (d.active?.id === event.callId && isRinging(d.active)) {
        return moveTo(
          { ...d, active: answered(d.active, now), missedDuringWrapUp: false },
          'on-call',
          now,
        );
      }
      if (d.other?.id === event.callId && isRinging(d.other)) {
        if (!d.active) {
          // Rang during wrap-up: the code first, which finishes the wrap-up.
          if (d.wrapUp?.code === null) return { ...d, notice: 'notice.wrapUpCodeRequired' };
          const done = finishWrapUp(d, now, settings, false);
          return moveTo(
            { ...done, active: answered(d.other, now), other: null, missedDuringWrapUp: false },
            'on-call',
            now,
          );
        }
        // The call in progress goes on hold while the agent takes the new one.
        const held =
          d.active.state === 'connected' ? withCallState(d.active, 'on-hold', now) : d.active;
        return moveTo({ ...d, active: answered(d.other, now), other: held }, 'on-call', now);
      }
      return d;
    }
    case 'reject': {
      // Declined by the agent: said, with where it leaves them, never silently.
      if (d.active?.id === event.callId && isRinging(d.active)) {
        const gone = ringingGone(d, now);
        return {
          ...gone,
          notice: gone.state === 'available' ? 'notice.declined' : 'notice.declinedWaiting',
        };
      }
      if (d.other?.id === event.callId && isRinging(d.other))
        return { ...d, other: null, notice: 'notice.declinedWaiting' };
      return d;
    }
    case 'hangup': {
      if (!isLive(d.active)) return d;
      return afterEnd(d, end(d.active, 'agent-hangup', now), now);
    }
    case 'caller-hangup': {
      if (d.active?.id === event.callId) {
        // A caller who gives up while it rings is not the agent's miss.
        if (isRinging(d.active)) return ringingGone(d, now);
        if (isLive(d.active)) return afterEnd(d, end(d.active, 'caller-hangup', now), now);
      }
      if (d.other?.id === event.callId) {
        if (isLive(d.other))
          return {
            ...d,
            other: null,
            wrapUp: wrapUpWith(d.wrapUp, end(d.other, 'caller-hangup', now)),
          };
        return { ...d, other: null };
      }
      return d;
    }
    case 'hold': {
      if (d.active?.state !== 'connected') return d;
      return moveTo({ ...d, active: withCallState(d.active, 'on-hold', now) }, 'on-hold', now);
    }
    case 'resume': {
      if (d.active?.state === 'on-hold')
        return moveTo({ ...d, active: withCallState(d.active, 'connected', now) }, 'on-call', now);
      return d;
    }
    case 'transfer-started': {
      if (!isLive(d.active)) return d;
      return moveTo(
        {
          ...d,
          active: { ...withCallState(d.active, 'transferring', now), transferTarget: event.target },
        },
        'on-hold',
        now,
      );
    }
    case 'transfer-failed': {
      if (d.active?.state !== 'transferring') return d;
      // The call comes back to the agent, held, and the agent is told.
      return {
        ...moveTo(
          { ...d, active: { ...withCallState(d.active, 'on-hold', now), transferTarget: null } },
          'on-hold',
          now,
        ),
        notice: 'notice.transferFailed',
      };
    }
    case 'transfer-completed': {
      if (d.active?.state !== 'transferring') return d;
      return afterEnd(d, end(d.active, 'transferred', now), now);
    }
    case 'wrap-up-code': {
      if (!settings.wrapUpCodes.includes(event.code))
        return { ...d, notice: 'notice.unknownWrapUpCode' };
      if (!d.wrapUp) return { ...d, notice: 'notice.nothingToWrapUp' };
      return { ...d, wrapUp: { ...d.wrapUp, code: event.code } };
    }
    case 'account': {
      const set = (c: Call | null) =>
        c?.id === event.callId ? { ...c, accountNumber: event.accountNumber } : c;
      const wrapUp = d.wrapUp ? { ...d.wrapUp, calls: d.wrapUp.calls.map((c) => set(c)!) } : null;
      return { ...d, active: set(d.active), other: set(d.other), wrapUp };
    }
    case 'sign-out': {
      // Nothing is left for the next agent at this desk: live calls end and are wrapped up with
      // the code chosen, else the timeout code; ringing calls go back.
      let wrapUp = d.wrapUp;
      for (const call of [d.active, d.other])
        if (isLive(call)) wrapUp = wrapUpWith(wrapUp, end(call, 'agent-hangup', now));
      const done = finishWrapUp({ ...d, active: null, other: null, wrapUp }, now, settings, true);
      return {
        ...moveTo({ ...done, missedDuringWrapUp: false }, 'offline', now),
        reasonCode: null,
        notReadyReason: null,
      };
    }
    case 'tick':
      return tick(d, now, settings);
  }
}

/** The clock: calls left ringing are missed, and a wrap-up that reached the team's limit ends. */
function tick(d: Desk, now: number, settings: TeamSettings): Desk {
  let next = d;
  const ringMs = settings.ringSeconds * 1000;
  if (isRinging(next.other) && now - next.other.ringingAt >= ringMs) {
    // A waiting call missed: the agent stays on their call or in wrap-up (Not ready after it).
    next = {
      ...next,
      other: null,
      missedDuringWrapUp: next.missedDuringWrapUp || next.state === 'wrap-up',
      notice: 'notice.missedCall',
    };
  }
  if (isRinging(next.active) && now - next.active.ringingAt >= ringMs) {
    next = { ...next, active: null, notice: 'notice.missedCall' };
    if (!next.wrapUp) return { ...notReady(next, 'missed-call', now), notice: 'notice.missedCall' };
    // An earlier call's wrap-up is still open: it goes on, and Not ready follows it.
    next = moveTo({ ...next, missedDuringWrapUp: true }, 'wrap-up', now);
  }
  if (!next.wrapUp || longestWrapUp(next, now) < settings.wrapUpLimitSeconds * 1000) return next;
  const done = { ...finishWrapUp(next, now, settings, true), notice: 'notice.wrapUpLimit' };
  // Ringing, or on another call: the desk follows that call.
  if (done.state !== 'wrap-up') return done;
  if (isRinging(done.other)) return takeRinging(done, now);
  if (done.missedDuringWrapUp)
    return {
      ...notReady({ ...done, missedDuringWrapUp: false }, 'missed-call', now),
      notice: 'notice.missedCall',
    };
  return settings.afterWrapUp === 'available'
    ? moveTo(done, 'available', now)
    : notReady(done, 'wrap-up-limit', now);
}

/**
 * The reason code a chosen state carries: the one given if the team has it, the team's first when
 * none is given (a lead moving an agent to Lunch need not pick one), null for Available and
 * Offline; undefined when the code is not one of the team's.
 */
function reasonFor(
  state: ChosenState,
  given: string | undefined,
  settings: TeamSettings,
): string | null | undefined {
  if (!(statesWithReasons as readonly string[]).includes(state)) return null;
  const codes = settings.reasonCodes[state as StateWithReason];
  if (given === undefined) return codes[0] ?? null;
  return codes.includes(given) ? given : undefined;
}

function chooseState(d: Desk, state: ChosenState, reasonCode: string | null, now: number): Desk {
  if (d.missedDuringWrapUp && state === 'available') {
    return {
      ...notReady({ ...d, missedDuringWrapUp: false }, 'missed-call', now),
      notice: 'notice.missedCall',
    };
  }
  const next = moveTo({ ...d, missedDuringWrapUp: false }, state, now);
  return {
    ...next,
    reasonCode: state === 'available' || state === 'offline' ? null : reasonCode,
    notReadyReason: state === 'not-ready' ? 'chosen' : null,
  };
}

/** Hands the finished calls over for recording, leaving the desk without them. */
export function takeCompleted(desk: Desk): [Desk, Desk['completed']] {
  return [{ ...desk, completed: [] }, desk.completed];
}
