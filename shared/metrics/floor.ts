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
  reasonCode: string | null;
  why: string;
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

/*
 * Applying events: each function below changes a draft of the floor, whose maps (agents, calls,
 * queues, teams) were copied once for the batch; the objects in them are replaced, never
 * changed. A floor of a thousand agents is copied once per batch, not once per event.
 */

function agentState(d: Floor, e: FloorEventOf<'agent.state'>): void {
  const prior = d.agents[e.agentId];
  // An agent's events come in order from their desktop; a late duplicate changes nothing.
  if (prior && e.at < prior.since) return;
  if (prior && prior.state === e.state) {
    // The same state reported again (a desktop reconnecting): its stretch goes on.
    d.agents[e.agentId] = {
      ...prior,
      name: e.name,
      team: e.team,
      languages: e.languages,
      reasonCode: e.reasonCode,
    };
    return;
  }
  const base: AgentLive = prior
    ? closeStretch(prior, d.day, e.at)
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
  d.agents[e.agentId] = {
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
}

function callQueued(d: Floor, e: FloorEventOf<'call.queued'>): void {
  if (d.calls[e.callId]) return;
  d.calls[e.callId] = {
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
  d.queues[e.queue] = countOffered(tallyOf(d.queues, e.queue));
}

function callLeft(d: Floor, e: FloorEventOf<'call.abandoned' | 'call.removed'>): void {
  const call = d.calls[e.callId];
  if (!call || call.answeredAt !== null) return;
  const q = settingsOf(d.queueSettings, call.queue, call.language);
  const t = tallyOf(d.queues, call.queue);
  d.queues[call.queue] =
    e.kind === 'call.abandoned' ? countAbandoned(t, e.at - call.queuedAt, q) : countRemoved(t);
  delete d.calls[e.callId];
}

function callAnswered(d: Floor, e: FloorEventOf<'call.answered'>): void {
  if (d.calls[e.callId]?.answeredAt != null) return;
  if (!d.calls[e.callId]) {
    // A call the hub did not see enter a queue (rung straight at the desktop): offered now.
    const language = e.language ?? 'en';
    callQueued(d, {
      kind: 'call.queued',
      id: e.id,
      at: e.offeredAt ?? e.at,
      callId: e.callId,
      queue: e.queue ?? queueForLanguage(language),
      language,
    });
  }
  const call = d.calls[e.callId];
  const q = settingsOf(d.queueSettings, call.queue, call.language);
  const wait = Math.max(0, e.at - call.queuedAt);
  d.calls[e.callId] = { ...call, answeredAt: e.at, agentId: e.agentId };
  d.queues[call.queue] = countAnswered(tallyOf(d.queues, call.queue), wait, q);
  const agent = d.agents[e.agentId];
  if (!agent) return;
  d.teams[agent.team] = countAnswered(tallyOf(d.teams, agent.team), wait, q);
  d.agents[agent.id] = {
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
  };
}

function callEnded(d: Floor, e: FloorEventOf<'call.ended'>): void {
  const call = d.calls[e.callId];
  if (call) d.calls[e.callId] = { ...call, endedAt: e.at, talkMs: e.talkMs, holdMs: e.holdMs };
  const agent = d.agents[e.agentId];
  if (agent?.call?.callId === e.callId) d.agents[agent.id] = { ...agent, call: null };
}

function callWrapped(d: Floor, e: FloorEventOf<'call.wrapped'>): void {
  const call = d.calls[e.callId];
  if (!call) return;
  const handled = { talkMs: call.talkMs, holdMs: call.holdMs, wrapUpMs: e.wrapUpMs };
  delete d.calls[e.callId];
  d.queues[call.queue] = countHandled(tallyOf(d.queues, call.queue), handled);
  const agent = d.agents[e.agentId];
  if (!agent) return;
  d.teams[agent.team] = countHandled(tallyOf(d.teams, agent.team), handled);
  d.agents[agent.id] = {
    ...agent,
    tally: countHandled(agent.tally, handled),
    call: agent.call?.callId === e.callId ? null : agent.call,
  };
}

/** What a lead's directive asks of the agent's desktop. */
export function directiveOf(e: FloorEventOf<'agent.directed'>): Directive {
  return {
    state: e.state,
    reasonCode: e.reasonCode,
    why: e.why,
    by: e.by,
    byName: e.byName,
    at: e.at,
  };
}

function agentDirected(d: Floor, e: FloorEventOf<'agent.directed'>): void {
  const agent = d.agents[e.agentId];
  if (!agent) return;
  d.agents[agent.id] = {
    ...agent,
    pending: agent.state === e.state ? null : directiveOf(e),
  };
}

/** A draft of the floor: its own maps, sharing the (never changed) objects in them. */
function draftOf(f: Floor): Floor {
  return {
    ...f,
    agents: { ...f.agents },
    calls: { ...f.calls },
    queues: { ...f.queues },
    teams: { ...f.teams },
  };
}

/** A new day: today's tallies and occupancy start again; agents and open calls carry over. */
function rollOver(d: Floor, at: number): void {
  for (const [id, a] of Object.entries(d.agents))
    d.agents[id] = { ...a, tally: emptyTally(), handlingMs: 0, readyMs: 0 };
  d.day = dayBounds(dayOf(at, d.timeZone), d.timeZone);
  d.queues = {};
  d.teams = {};
}

/**
 * Folds events into a draft, in place: the hub's own floor, which nobody else holds. Events of an
 * earlier day still move agents' states but count in no tally; the first event of a later day
 * starts the day's tallies again.
 */
export function applyEventsInPlace(d: Floor, events: readonly FloorEvent[]): void {
  for (const e of events) {
    if (e.at >= d.day.end) rollOver(d, e.at);
    if (e.at < d.day.start && e.kind !== 'agent.state' && e.kind !== 'agent.directed') continue;
    switch (e.kind) {
      case 'agent.state':
        agentState(d, e);
        break;
      case 'call.queued':
        callQueued(d, e);
        break;
      case 'call.abandoned':
      case 'call.removed':
        callLeft(d, e);
        break;
      case 'call.answered':
        callAnswered(d, e);
        break;
      case 'call.ended':
        callEnded(d, e);
        break;
      case 'call.wrapped':
        callWrapped(d, e);
        break;
      case 'agent.directed':
        agentDirected(d, e);
        break;
    }
  }
}

/** The floor after the events (the floor given is left as it was). */
export function applyEvents(floor: Floor, events: readonly FloorEvent[]): Floor {
  const d = draftOf(floor);
  applyEventsInPlace(d, events);
  return d;
}

export function applyEvent(floor: Floor, e: FloorEvent): Floor {
  return applyEvents(floor, [e]);
}
