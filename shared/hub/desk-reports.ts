import { wrapUpTime } from '../telephony/timers';
import type { Call, Desk } from '../telephony/types';
import type { AgentReport } from './protocol';

/** The reason the board shows for a state: the agent's chosen code, or why the desk put them there. */
function reasonOf(desk: Desk): string | null {
  if (desk.state === 'not-ready' && desk.notReadyReason && desk.notReadyReason !== 'chosen')
    return desk.notReadyReason;
  return desk.reasonCode;
}

const callsOf = (d: Desk): Call[] =>
  [d.active, d.other, ...(d.wrapUp?.calls ?? [])].filter((c): c is Call => c !== null);

/**
 * What the hub needs to hear about a change of the agent's desk (shared/telephony's machine):
 * a call answered, a call ended (with its talk and hold), after-call work finished (with its
 * wrap-up time and code), and the agent's new state. `now` is the instant of the change (the
 * softphone slice's `now`); `newId` names each report so a resend is recognised.
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
      wrapUpMs: Math.round(wrapUpTime(call, now)),
      code: prev.wrapUp?.code ?? options.timeoutWrapUpCode,
    });
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
