import { wrapUpTime } from '../telephony/timers';
import { type Call, type Desk, TWILIO_CALL_SID } from '../telephony/types';
import type { AgentReport } from './protocol';

/** The reason the board shows for a state: the agent's chosen code, or why the desk put them there. */
function reasonOf(desk: Desk): string | null {
  if (desk.state === 'not-ready' && desk.notReadyReason && desk.notReadyReason !== 'chosen')
    return desk.notReadyReason;
  return desk.reasonCode;
}

const callsOf = (d: Desk): Call[] =>
  [d.active, d.other, ...(d.wrapUp?.calls ?? [])].filter((c): c is Call => c !== null);

/** The caller's own call at the network, on every report of a call that has a valid one. */
const network = (call: Call) =>
  call.caller.networkCallId && TWILIO_CALL_SID.test(call.caller.networkCallId)
    ? { networkCallId: call.caller.networkCallId }
    : {};

/**
 * What the hub needs to hear about a change of the agent's desk (shared/telephony's machine):
 * a call answered, a call ended (with its talk and hold), after-call work finished (with its
 * wrap-up time and code), a call of the desktop's own queue missed, and the agent's new state.
 * `now` is the instant of the change (the softphone slice's `now`); `newId` names each report so
 * a resend is recognised.
 */
export function deskReports(
  prev: Desk,
  next: Desk,
  now: number,
  options: { timeoutWrapUpCode: string; newId: () => string },
): AgentReport[] {
  const out: AgentReport[] = [];
  const before = new Map(callsOf(prev).map((c) => [c.id, c]));
  for (const call of callsOf(next)) {
    const was = before.get(call.id);
    if (call.answeredAt !== null && (!was || was.answeredAt === null))
      out.push({
        kind: 'answered',
        id: options.newId(),
        at: call.answeredAt,
        callId: call.id,
        ...network(call),
        language: call.caller.language ?? null,
        offeredAt: call.ringingAt,
      });
  }
  const wrappedBefore = new Set(prev.wrapUp?.calls.map((c) => c.id) ?? []);
  for (const call of next.wrapUp?.calls ?? []) {
    if (!wrappedBefore.has(call.id))
      out.push({
        kind: 'ended',
        id: options.newId(),
        at: call.endedAt ?? now,
        callId: call.id,
        ...network(call),
        talkMs: Math.round(call.talkMs),
        holdMs: Math.round(call.holdMs),
      });
  }
  // A call that leaves the wrap-up was wrapped up now, with its own wrap-up time and the code.
  const stillWrapping = new Set(next.wrapUp?.calls.map((c) => c.id) ?? []);
  for (const call of prev.wrapUp?.calls ?? []) {
    if (stillWrapping.has(call.id)) continue;
    out.push({
      kind: 'wrapped',
      id: options.newId(),
      at: now,
      callId: call.id,
      ...network(call),
      wrapUpMs: Math.round(wrapUpTime(call, now)),
      code: prev.wrapUp?.code ?? options.timeoutWrapUpCode,
    });
  }
  if (next.notice === 'notice.missedCall') {
    // The desk let a ringing call go (its ring time ran out). A call of the desktop's own queue
    // (the simulator's) leaves it there, neither answered nor abandoned: the caller did not hang
    // up. A network's call (Twilio's) goes back to its queue, whose webhooks tell the rest.
    const still = new Set(callsOf(next).map((c) => c.id));
    for (const call of [prev.active, prev.other]) {
      if (call?.state !== 'ringing' || still.has(call.id) || call.caller.networkCallId) continue;
      out.push({ kind: 'removed', id: options.newId(), at: now, callId: call.id });
    }
  }
  if (prev.state !== next.state || reasonOf(prev) !== reasonOf(next))
    out.push({
      kind: 'state',
      id: options.newId(),
      at: next.since,
      state: next.state,
      reasonCode: reasonOf(next),
    });
  return out;
}
