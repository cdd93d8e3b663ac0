import type { FloorEvent } from '../../shared/metrics';

/** Twilio's timestamp of a status callback (RFC 2822), or the hub's clock when absent or unreadable. */
function instant(params: Record<string, string>, now: number): number {
  const t = params.Timestamp ? Date.parse(params.Timestamp) : Number.NaN;
  return Number.isFinite(t) ? t : now;
}

/** The voice webhook routed a caller to a language queue: the call is offered. */
export function twilioQueued(
  call: { callSid: string; queue: string; language: 'en' | 'es' },
  at: number,
): FloorEvent {
  return {
    kind: 'call.queued',
    id: `twilio:${call.callSid}:queued`,
    at,
    callId: call.callSid,
    queue: call.queue,
    language: call.language,
  };
}

const GONE = ['completed', 'canceled', 'busy', 'no-answer', 'failed'];

/**
 * What a status callback means for the floor. The agent's leg answering (the caller's call is its
 * ParentCallSid, or the one its status URL names; the agent is `client:<userId>`) answers the
 * caller's call; the caller's own call ending while it still waits is an abandon. Anything else
 * says nothing new. The agent's desktop reports the same call under the caller's CallSid (the
 * server passes it to the softphone): whichever arrives first answers it, the other changes
 * nothing, so no instance needs to remember which leg belongs to which call.
 */
export function twilioStatus(
  params: Record<string, string>,
  now: number,
  isWaiting: (callId: string) => boolean,
): FloorEvent[] {
  const at = instant(params, now);
  const sid = params.CallSid ?? '';
  const status = params.CallStatus ?? '';
  // The caller's call: Twilio's parent of a dialled leg, or the call the status URL names for an
  // agent's leg added to the caller's conference.
  const parent =
    params.ParentCallSid ?? (params.TaplineLeg === 'agent' ? params.TaplineCall : undefined);
  const to = params.To ?? '';
  if (parent && to.startsWith('client:') && (status === 'in-progress' || status === 'answered')) {
    // The agent's softphone is dialled as client:<userId>, with the caller's details after a '?'.
    const agentId = to.slice('client:'.length).split('?')[0];
    return [
      {
        kind: 'call.answered',
        id: `twilio:${sid}:answered`,
        at,
        callId: parent,
        agentId,
        queue: null,
        language: null,
        offeredAt: null,
      },
    ];
  }
  if (!parent && !params.TaplineLeg && sid && GONE.includes(status) && isWaiting(sid))
    return [{ kind: 'call.abandoned', id: `twilio:${sid}:abandoned`, at, callId: sid }];
  return [];
}
