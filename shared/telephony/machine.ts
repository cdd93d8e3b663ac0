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
const isLive = (c: Call | null): c is Call => c !== null && LIVE.includes(c.state);

function moveTo(d: Desk, state: AgentState, now: number): Desk {
  if (d.state === state) return d;
  const spent = { ...d.spent };
  if (d.loggedInAt !== null) spent[d.state] = (spent[d.state] ?? 0) + (now - d.since);
  return {
    ...d,
    state,
    since: now,
    spent,
    ...(state !== 'not-ready' ? { notReadyReason: null } : {}),
  };
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

/** After a call ends: wrap it up if it was answered; the desk follows what calls remain. */
function afterEnd(d: Desk, ended: Call, now: number): Desk {
  const wrapUp =
    ended.answeredAt === null
      ? d.wrapUp
      : d.wrapUp
        ? { ...d.wrapUp, calls: [...d.wrapUp.calls, ended] }
        : { calls: [ended], startedAt: now, code: null };
  const other = d.other;
  if (other && LIVE.includes(other.state)) {
    // The held call is still there: it becomes the agent's call, still on hold.
    return moveTo(
      { ...d, wrapUp, active: other, other: null },
      other.state === 'connected' ? 'on-call' : 'on-hold',
      now,
    );
  }
  if (other?.state === 'ringing') {
    // A call that was waiting rings on.
    return moveTo({ ...d, wrapUp, active: other, other: null }, 'ringing', now);
  }
  return moveTo({ ...d, wrapUp, active: null }, wrapUp ? 'wrap-up' : 'available', now);
}

function finishWrapUp(d: Desk, now: number, settings: TeamSettings, timedOut: boolean): Desk {
  if (!d.wrapUp) return d;
  const code = d.wrapUp.code ?? settings.timeoutWrapUpCode;
  const { startedAt, calls } = d.wrapUp;
  const completed = [
    ...d.completed,
    ...calls.map((call) => ({
      call,
      wrapUpCode: code,
      wrapUpStartedAt: startedAt,
      wrapUpMs: now - startedAt,
      timedOut: timedOut && d.wrapUp?.code === null,
    })),
  ];
  return { ...d, wrapUp: null, completed };
}

function notReady(d: Desk, reason: Desk['notReadyReason'], now: number): Desk {
  return { ...moveTo(d, 'not-ready', now), notReadyReason: reason, reasonCode: null };
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
  };
}

/**
 * The desk as a pure state machine: (desk, event, now) → desk. Every edge case the big products
 * get wrong is a rule here: a wrap-up code before Available, a wrap-up limit, a call ringing in
 * wrap-up or missed (Not ready, with the reason), a second call during a call, the caller hanging
 * up on hold, a failed transfer returning the call.
 */
export function reduce(desk: Desk, event: DeskEvent, now: number, settings: TeamSettings): Desk {
  const d: Desk = { ...desk, notice: null };
  switch (event.type) {
    case 'choose': {
      if (d.active && d.active.state !== 'ended') return { ...d, notice: 'notice.busy' };
      const reason = reasonFor(event.state, event.reasonCode, settings);
      if (reason === undefined) return { ...d, notice: 'notice.unknownReasonCode' };
      if (d.wrapUp) {
        if (d.wrapUp.code === null) return { ...d, notice: 'notice.wrapUpCodeRequired' };
        return chooseState(finishWrapUp(d, now, settings, false), event.state, reason, now);
      }
      return chooseState(d, event.state, reason, now);
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
      if (d.active?.id === event.callId && d.active.state === 'ringing') {
        const call = { ...d.active, state: 'connected' as const, answeredAt: now, stretchAt: now };
        return moveTo({ ...d, active: call }, 'on-call', now);
      }
      if (d.other?.id === event.callId && d.other.state === 'ringing') {
        if (d.state === 'wrap-up') {
          if (!d.wrapUp || d.wrapUp.code === null)
            return { ...d, notice: 'notice.wrapUpCodeRequired' };
          const done = finishWrapUp(d, now, settings, false);
          const call = { ...d.other, state: 'connected' as const, answeredAt: now, stretchAt: now };
          return moveTo({ ...done, active: call, other: null }, 'on-call', now);
        }
        // The call in progress goes on hold while the agent takes the new one.
        const held =
          d.active && d.active.state === 'connected'
            ? withCallState(d.active, 'on-hold', now)
            : d.active;
        const call = { ...d.other, state: 'connected' as const, answeredAt: now, stretchAt: now };
        return moveTo({ ...d, active: call, other: held }, 'on-call', now);
      }
      return d;
    }
    case 'reject': {
      if (d.active?.id === event.callId && d.active.state === 'ringing') {
        return moveTo({ ...d, active: null }, 'available', now);
      }
      if (d.other?.id === event.callId && d.other.state === 'ringing') return { ...d, other: null };
      return d;
    }
    case 'hangup': {
      if (!isLive(d.active)) return d;
      return afterEnd(d, end(d.active, 'agent-hangup', now), now);
    }
    case 'caller-hangup': {
      if (d.active?.id === event.callId) {
        if (d.active.state === 'ringing') {
          // The caller gave up before the agent could answer: not the agent's miss.
          return d.other
            ? afterEnd({ ...d }, end(d.active, 'caller-hangup', now), now)
            : moveTo({ ...d, active: null }, 'available', now);
        }
        if (isLive(d.active)) return afterEnd(d, end(d.active, 'caller-hangup', now), now);
      }
      if (d.other?.id === event.callId) {
        if (isLive(d.other)) {
          const ended = end(d.other, 'caller-hangup', now);
          const wrapUp = d.wrapUp
            ? { ...d.wrapUp, calls: [...d.wrapUp.calls, ended] }
            : { calls: [ended], startedAt: now, code: null };
          return { ...d, other: null, wrapUp };
        }
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
    case 'tick': {
      let next = d;
      const ringMs = settings.ringSeconds * 1000;
      if (next.other?.state === 'ringing' && now - next.other.ringingAt >= ringMs) {
        next = {
          ...next,
          other: null,
          missedDuringWrapUp: next.missedDuringWrapUp || next.state === 'wrap-up',
          notice: 'notice.missedCall',
        };
      }
      if (next.active?.state === 'ringing' && now - next.active.ringingAt >= ringMs) {
        return {
          ...notReady({ ...next, active: null }, 'missed-call', now),
          notice: 'notice.missedCall',
        };
      }
      if (
        next.state === 'wrap-up' &&
        next.wrapUp &&
        now - next.wrapUp.startedAt >= settings.wrapUpLimitSeconds * 1000
      ) {
        const done = finishWrapUp(next, now, settings, true);
        if (next.missedDuringWrapUp)
          return {
            ...notReady({ ...done, missedDuringWrapUp: false }, 'missed-call', now),
            notice: 'notice.missedCall',
          };
        return settings.afterWrapUp === 'available'
          ? { ...moveTo(done, 'available', now), notice: 'notice.wrapUpLimit' }
          : { ...notReady(done, 'wrap-up-limit', now), notice: 'notice.wrapUpLimit' };
      }
      return next;
    }
  }
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
  const loggedIn =
    d.loggedInAt === null && state !== 'offline'
      ? { ...d, loggedInAt: now, since: now, state: 'offline' as const }
      : d;
  if (d.missedDuringWrapUp && state === 'available') {
    return {
      ...notReady({ ...loggedIn, missedDuringWrapUp: false }, 'missed-call', now),
      notice: 'notice.missedCall',
    };
  }
  const next = moveTo({ ...loggedIn, missedDuringWrapUp: false }, state, now);
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
