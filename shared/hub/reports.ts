import type { Principal } from '../cis';
import type { FloorEvent } from '../metrics/events';
import { queueForLanguage } from '../metrics/settings';
import type { AgentReport } from './protocol';

/**
 * A desktop's call ids are its own (the simulator's, or the agent's leg at Twilio): the hub keeps
 * them apart per agent. A report that names the caller's own call (networkCallId) is counted
 * under that instead, the id Twilio's webhooks give the hub.
 */
export function desktopCallId(agentId: string, callId: string): string {
  return `${agentId}/${callId}`;
}

/**
 * The floor events of a desktop's reports. Who the agent is (id, name, team, languages) comes
 * from the session the hub checked, never from the report; each event's id is the report's,
 * scoped to the agent, so a report sent twice is one event.
 */
export function eventsOfReports(
  reports: readonly AgentReport[],
  agent: Pick<Principal, 'userId' | 'name' | 'team' | 'languages'>,
): FloorEvent[] {
  return reports.map((r) => eventOfReport(r, agent));
}

function eventOfReport(
  r: AgentReport,
  agent: Pick<Principal, 'userId' | 'name' | 'team' | 'languages'>,
): FloorEvent {
  const agentId = agent.userId;
  const call = (callId: string, networkCallId?: string) =>
    networkCallId ?? desktopCallId(agentId, callId);
  const id = `${agentId}:${r.id}`;
  switch (r.kind) {
    case 'state':
      return {
        kind: 'agent.state',
        id,
        at: r.at,
        agentId,
        name: agent.name,
        team: agent.team,
        languages: agent.languages,
        state: r.state,
        reasonCode: r.reasonCode,
      };
    case 'answered':
      return {
        kind: 'call.answered',
        id,
        at: r.at,
        callId: call(r.callId, r.networkCallId),
        agentId,
        queue: r.language ? queueForLanguage(r.language) : null,
        language: r.language,
        offeredAt: r.offeredAt,
      };
    case 'ended':
      return {
        kind: 'call.ended',
        id,
        at: r.at,
        callId: call(r.callId, r.networkCallId),
        agentId,
        talkMs: r.talkMs,
        holdMs: r.holdMs,
      };
    case 'wrapped':
      return {
        kind: 'call.wrapped',
        id,
        at: r.at,
        callId: call(r.callId, r.networkCallId),
        agentId,
        wrapUpMs: r.wrapUpMs,
        code: r.code,
      };
    case 'queued':
      return {
        kind: 'call.queued',
        id,
        at: r.at,
        callId: call(r.callId),
        queue: queueForLanguage(r.language),
        language: r.language,
      };
    case 'abandoned':
      return { kind: 'call.abandoned', id, at: r.at, callId: call(r.callId) };
    case 'removed':
      return { kind: 'call.removed', id, at: r.at, callId: call(r.callId) };
  }
}
