import { Temporal } from '../dates';
import type { AgentState, ChosenState } from '../telephony/types';
import type { FloorEvent, FloorEventOf } from './events';
import { defaultQueues, type QueueSettings, queueForLanguage, settingsOf } from './settings';
import {
  countAbandoned,
  countAnswered,
  countHandled,
  countOffered,
  countRemoved,
  emptyTally,
  type Tally,
} from './tally';

/** The call an agent is on: talk and hold closed so far; the running stretch follows the state. */
export interface CurrentCall {
  callId: string;
  queue: string;
  language: 'en' | 'es';
  answeredAt: number;
  talkMs: number;
  holdMs: number;
}

/** A lead asked the agent's desktop to change state; it applies when the agent is free. */
export interface Directive {
  state: ChosenState;
  reasonCode: string;
  by: string;
  byName: string;
  at: number;
}

export interface AgentLive {
  id: string;
  name: string;
  team: string;
  languages: ('en' | 'es')[];
  state: AgentState;
  reasonCode: string | null;
  since: number;
  call: CurrentCall | null;
  /** Today's calls answered and handled by the agent. */
  tally: Tally;
  /** Today's time handling calls and ready for one, closed stretches only (occupancy). */
  handlingMs: number;
  readyMs: number;
  pending: Directive | null;
}

/** A call the hub has seen enter a queue or be answered, until its after-call work is done. */
export interface OpenCall {
  callId: string;
  queue: string;
  language: 'en' | 'es';
  queuedAt: number;
  answeredAt: number | null;
  agentId: string | null;
  endedAt: number | null;
  talkMs: number;
  holdMs: number;
}

/**
 * The live picture of the floor for one day: every agent's state, the calls waiting or in
 * progress, and today's tallies by queue and by team. Built by folding events with applyEvent;
 * plain data, so it travels as JSON from the hub to a lead's desktop.
 */
export interface Floor {
  timeZone: string;
  day: { date: string; start: number; end: number };
  queueSettings: Record<string, QueueSettings>;
  agents: Record<string, AgentLive>;
  calls: Record<string, OpenCall>;
  queues: Record<string, Tally>;
  teams: Record<string, Tally>;
}

/** Talk, hold and wrap-up: the time of handle time (AHT's terms) and occupancy's numerator. */
export const HANDLING_STATES: readonly AgentState[] = ['on-call', 'on-hold', 'wrap-up'];
/** Ready and waiting for a call, or being rung: occupancy's idle time. */
export const READY_STATES: readonly AgentState[] = ['available', 'ringing'];

/** The first and last instant (exclusive) of a calendar day in a time zone (23 or 25 h on DST days). */
export function dayBounds(
  date: string,
  timeZone: string,
): { date: string; start: number; end: number } {
  const day = Temporal.PlainDate.from(date);
  const start = day.toZonedDateTime({ timeZone }).epochMilliseconds;
  const end = day.add({ days: 1 }).toZonedDateTime({ timeZone }).epochMilliseconds;
  return { date: day.toString(), start, end };
}

/** The calendar day an instant falls on in a time zone. */
export function dayOf(at: number, timeZone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(at)
    .toZonedDateTimeISO(timeZone)
    .toPlainDate()
    .toString();
}

export function newFloor(
  at: number,
  timeZone: string,
  queueSettings: Record<string, QueueSettings> = defaultQueues,
): Floor {
  return {
    timeZone,
    day: dayBounds(dayOf(at, timeZone), timeZone),
    queueSettings,
    agents: {},
    calls: {},
    queues: {},
    teams: {},
  };
}

/** A new day: today's tallies and occupancy start again; agents and open calls carry over. */
function rollOver(f: Floor, at: number): Floor {
  const agents: Record<string, AgentLive> = {};
  for (const [id, a] of Object.entries(f.agents))
    agents[id] = { ...a, tally: emptyTally(), handlingMs: 0, readyMs: 0 };
  return {
    ...f,
    day: dayBounds(dayOf(at, f.timeZone), f.timeZone),
    agents,
    queues: {},
    teams: {},
  };
}

const tallyOf = (map: Record<string, Tally>, key: string) => map[key] ?? emptyTally();

/** The running stretch in the current state, counted from the start of the day at the earliest. */
export function stretchMs(agent: AgentLive, day: Floor['day'], now: number): number {
  return Math.max(0, now - Math.max(agent.since, day.start));
}

function closeStretch(a: AgentLive, day: Floor['day'], at: number): AgentLive {
  const stretch = stretchMs(a, day, at);
  const call = a.call && {
    ...a.call,
    ...(a.state === 'on-call'
      ? { talkMs: a.call.talkMs + Math.max(0, at - Math.max(a.since, a.call.answeredAt)) }
      : a.state === 'on-hold'
        ? { holdMs: a.call.holdMs + Math.max(0, at - Math.max(a.since, a.call.answeredAt)) }
        : {}),
  };
  return {
    ...a,
    call,
    handlingMs: a.handlingMs + (HANDLING_STATES.includes(a.state) ? stretch : 0),
    readyMs: a.readyMs + (READY_STATES.includes(a.state) ? stretch : 0),
  };
}

function agentState(f: Floor, e: FloorEventOf<'agent.state'>): Floor {
  const prior = f.agents[e.agentId];
  // An agent's events come in order from their desktop; a late duplicate changes nothing.
  if (prior && e.at < prior.since) return f;
  if (prior && prior.state === e.state) {
    // The same state reported again (a desktop reconnecting): its stretch goes on.
    const same = { ...prior, name: e.name, team: e.team, languages: e.languages };
    return { ...f, agents: { ...f.agents, [e.agentId]: { ...same, reasonCode: e.reasonCode } } };
  }
  const base: AgentLive = prior
    ? closeStretch(prior, f.day, e.at)
    : {
        id: e.agentId,
        name: e.name,
        team: e.team,
        languages: e.languages,
        state: 'offline',
        reasonCode: null,
        since: e.at,
        call: null,
        tally: emptyTally(),
        handlingMs: 0,
        readyMs: 0,
        pending: null,
      };
  const pending =
    base.pending && base.pending.state === e.state && e.at >= base.pending.at ? null : base.pending;
  const next: AgentLive = {
    ...base,
    name: e.name,
    team: e.team,
    languages: e.languages,
    state: e.state,
    reasonCode: e.reasonCode,
    since: e.at,
    call: e.state === 'offline' ? null : base.call,
    pending,
  };
  return { ...f, agents: { ...f.agents, [e.agentId]: next } };
}

function callQueued(f: Floor, e: FloorEventOf<'call.queued'>): Floor {
  if (f.calls[e.callId]) return f;
  const call: OpenCall = {
    callId: e.callId,
    queue: e.queue,
    language: e.language,
    queuedAt: e.at,
    answeredAt: null,
    agentId: null,
    endedAt: null,
    talkMs: 0,
    holdMs: 0,
  };
  return {
    ...f,
    calls: { ...f.calls, [e.callId]: call },
    queues: { ...f.queues, [e.queue]: countOffered(tallyOf(f.queues, e.queue)) },
  };
}

function withoutCall(calls: Record<string, OpenCall>, callId: string): Record<string, OpenCall> {
  const { [callId]: _gone, ...rest } = calls;
  return rest;
}

function callLeft(f: Floor, e: FloorEventOf<'call.abandoned' | 'call.removed'>): Floor {
  const call = f.calls[e.callId];
  if (!call || call.answeredAt !== null) return f;
  const q = settingsOf(f.queueSettings, call.queue, call.language);
  const t = tallyOf(f.queues, call.queue);
  const tally =
    e.kind === 'call.abandoned' ? countAbandoned(t, e.at - call.queuedAt, q) : countRemoved(t);
  return {
    ...f,
    calls: withoutCall(f.calls, e.callId),
    queues: { ...f.queues, [call.queue]: tally },
  };
}

function callAnswered(f: Floor, e: FloorEventOf<'call.answered'>): Floor {
  let floor = f;
  let call = f.calls[e.callId];
  if (call?.answeredAt != null) return f;
  if (!call) {
    // A call the hub did not see enter a queue (rung straight at the desktop): offered now.
    const language = e.language ?? 'en';
    floor = callQueued(f, {
      kind: 'call.queued',
      id: e.id,
      at: e.offeredAt ?? e.at,
      callId: e.callId,
      queue: e.queue ?? queueForLanguage(language),
      language,
    });
    call = floor.calls[e.callId];
  }
  const q = settingsOf(floor.queueSettings, call.queue, call.language);
  const wait = Math.max(0, e.at - call.queuedAt);
  const agent = floor.agents[e.agentId];
  const answered: OpenCall = { ...call, answeredAt: e.at, agentId: e.agentId };
  const next: Floor = {
    ...floor,
    calls: { ...floor.calls, [e.callId]: answered },
    queues: {
      ...floor.queues,
      [call.queue]: countAnswered(tallyOf(floor.queues, call.queue), wait, q),
    },
  };
  if (!agent) return next;
  return {
    ...next,
    teams: { ...next.teams, [agent.team]: countAnswered(tallyOf(next.teams, agent.team), wait, q) },
    agents: {
      ...next.agents,
      [agent.id]: {
        ...agent,
        tally: countAnswered(agent.tally, wait, q),
        call: {
          callId: e.callId,
          queue: call.queue,
          language: call.language,
          answeredAt: e.at,
          talkMs: 0,
          holdMs: 0,
        },
      },
    },
  };
}

function callEnded(f: Floor, e: FloorEventOf<'call.ended'>): Floor {
  const call = f.calls[e.callId];
  const agent = f.agents[e.agentId];
  const calls = call
    ? { ...f.calls, [e.callId]: { ...call, endedAt: e.at, talkMs: e.talkMs, holdMs: e.holdMs } }
    : f.calls;
  const agents =
    agent?.call?.callId === e.callId
      ? { ...f.agents, [agent.id]: { ...agent, call: null } }
      : f.agents;
  return { ...f, calls, agents };
}

function callWrapped(f: Floor, e: FloorEventOf<'call.wrapped'>): Floor {
  const call = f.calls[e.callId];
  if (!call) return f;
  const handled = { talkMs: call.talkMs, holdMs: call.holdMs, wrapUpMs: e.wrapUpMs };
  const agent = f.agents[e.agentId];
  const next: Floor = {
    ...f,
    calls: withoutCall(f.calls, e.callId),
    queues: { ...f.queues, [call.queue]: countHandled(tallyOf(f.queues, call.queue), handled) },
  };
  if (!agent) return next;
  return {
    ...next,
    teams: { ...next.teams, [agent.team]: countHandled(tallyOf(next.teams, agent.team), handled) },
    agents: {
      ...next.agents,
      [agent.id]: {
        ...agent,
        tally: countHandled(agent.tally, handled),
        call: agent.call?.callId === e.callId ? null : agent.call,
      },
    },
  };
}

function agentDirected(f: Floor, e: FloorEventOf<'agent.directed'>): Floor {
  const agent = f.agents[e.agentId];
  if (!agent) return f;
  const pending: Directive | null =
    agent.state === e.state
      ? null
      : { state: e.state, reasonCode: e.reasonCode, by: e.by, byName: e.byName, at: e.at };
  return { ...f, agents: { ...f.agents, [agent.id]: { ...agent, pending } } };
}

/**
 * Folds one event into the floor. Events of an earlier day still move agents' states but count
 * in no tally; the first event of a later day starts the day's tallies again.
 */
export function applyEvent(floor: Floor, e: FloorEvent): Floor {
  const f = e.at >= floor.day.end ? rollOver(floor, e.at) : floor;
  if (e.at < f.day.start && e.kind !== 'agent.state' && e.kind !== 'agent.directed') return f;
  switch (e.kind) {
    case 'agent.state':
      return agentState(f, e);
    case 'call.queued':
      return callQueued(f, e);
    case 'call.abandoned':
    case 'call.removed':
      return callLeft(f, e);
    case 'call.answered':
      return callAnswered(f, e);
    case 'call.ended':
      return callEnded(f, e);
    case 'call.wrapped':
      return callWrapped(f, e);
    case 'agent.directed':
      return agentDirected(f, e);
  }
}

export function applyEvents(floor: Floor, events: readonly FloorEvent[]): Floor {
  let f = floor;
  for (const e of events) f = applyEvent(f, e);
  return f;
}
