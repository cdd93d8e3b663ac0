import { goalLevel } from '../telephony/timers';
import type { AgentState } from '../telephony/types';
import {
  type AgentLive,
  type Floor,
  HANDLING_STATES,
  type OpenCall,
  READY_STATES,
  stretchMs,
} from './floor';
import { type BoardSettings, settingsOf } from './settings';
import { addTallies, emptyTally, figures, type TallyFigures } from './tally';

const ratio = (n: number, d: number): number | null => (d > 0 ? n / d : null);

/**
 * Occupancy: time handling calls (talk, hold, wrap-up) ÷ time handling or ready for one, today.
 * The reference does not define it; this is the usual definition (Genesys: interacting and
 * after-call work over on-queue time). Not-ready, breaks and offline count in neither term.
 */
export function occupancyOf(
  agents: readonly AgentLive[],
  day: Floor['day'],
  now: number,
): number | null {
  let handling = 0;
  let ready = 0;
  for (const a of agents) {
    const running = stretchMs(a, day, now);
    handling += a.handlingMs + (HANDLING_STATES.includes(a.state) ? running : 0);
    ready += a.readyMs + (READY_STATES.includes(a.state) ? running : 0);
  }
  return ratio(handling, handling + ready);
}

const staffed = (a: AgentLive) => a.state !== 'offline';

export interface QueueRow extends TallyFigures {
  queue: string;
  language: 'en' | 'es';
  thresholdSeconds: number;
  targetPercent: number;
  waiting: number;
  longestWaitMs: number | null;
  /** True when the service level is known and below the queue's target. */
  belowTarget: boolean;
  agentsStaffed: number;
  agentsAvailable: number;
  occupancy: number | null;
}

function waitingIn(floor: Floor, queue: string): OpenCall[] {
  return Object.values(floor.calls).filter((c) => c.queue === queue && c.answeredAt === null);
}

/** Each queue now: calls waiting, longest wait, and today's service level, ASA, AHT, abandons. */
export function queueRows(floor: Floor, now: number): QueueRow[] {
  const names = new Set([...Object.keys(floor.queueSettings), ...Object.keys(floor.queues)]);
  for (const c of Object.values(floor.calls)) names.add(c.queue);
  const agents = Object.values(floor.agents);
  return [...names].sort().map((queue) => {
    const q = settingsOf(floor.queueSettings, queue);
    const f = figures(floor.queues[queue] ?? emptyTally());
    const waiting = waitingIn(floor, queue);
    const skilled = agents.filter((a) => staffed(a) && a.languages.includes(q.language));
    return {
      ...f,
      queue,
      language: q.language,
      thresholdSeconds: q.thresholdSeconds,
      targetPercent: q.targetPercent,
      waiting: waiting.length,
      longestWaitMs: waiting.length ? now - Math.min(...waiting.map((c) => c.queuedAt)) : null,
      belowTarget: f.serviceLevel !== null && f.serviceLevel * 100 < q.targetPercent,
      agentsStaffed: skilled.length,
      agentsAvailable: skilled.filter((a) => a.state === 'available').length,
      occupancy: occupancyOf(skilled, floor.day, now),
    };
  });
}

export interface TeamRow extends TallyFigures {
  team: string;
  agentsStaffed: number;
  agentsAvailable: number;
  agentsOnCall: number;
  occupancy: number | null;
}

/**
 * Each team now. A team's calls are the ones its agents answered: its service level is over
 * answered calls only (an abandoned call was never any team's).
 */
export function teamRows(floor: Floor, now: number): TeamRow[] {
  const byTeam = new Map<string, AgentLive[]>();
  for (const a of Object.values(floor.agents))
    byTeam.set(a.team, [...(byTeam.get(a.team) ?? []), a]);
  for (const team of Object.keys(floor.teams)) if (!byTeam.has(team)) byTeam.set(team, []);
  return [...byTeam.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([team, agents]) => ({
      ...figures(floor.teams[team] ?? emptyTally()),
      team,
      agentsStaffed: agents.filter(staffed).length,
      agentsAvailable: agents.filter((a) => a.state === 'available').length,
      agentsOnCall: agents.filter((a) => a.state === 'on-call' || a.state === 'on-hold').length,
      occupancy: occupancyOf(agents.filter(staffed), floor.day, now),
    }));
}

export type AlertKind = 'talk-over-goal' | 'hold-over-goal' | 'wrap-up-over-goal' | 'long-state';

export interface AgentAlert {
  kind: AlertKind;
  state: AgentState;
  seconds: number;
  limitSeconds: number;
}

export interface AgentRow
  extends Pick<
    AgentLive,
    'id' | 'name' | 'team' | 'languages' | 'state' | 'reasonCode' | 'pending'
  > {
  stateSeconds: number;
  /** The current call's talk time against the team's talk goal (null: not on a call). */
  talkSeconds: number | null;
  holdSeconds: number | null;
  talkLevel: 'ok' | 'warning' | 'over' | null;
  handled: number;
  avgTalkSeconds: number | null;
  avgWrapUpSeconds: number | null;
  occupancy: number | null;
  alerts: AgentAlert[];
}

const seconds = (ms: number) => Math.floor(ms / 1000);

function callTimes(a: AgentLive, now: number): { talkMs: number; holdMs: number } | null {
  if (!a.call) return null;
  const running = Math.max(0, now - Math.max(a.since, a.call.answeredAt));
  return {
    talkMs: a.call.talkMs + (a.state === 'on-call' ? running : 0),
    holdMs: a.call.holdMs + (a.state === 'on-hold' ? running : 0),
  };
}

/** Over-goal alerts (talk, hold, wrap-up against the team's goals) and long-state alerts. */
export function alertsOf(a: AgentLive, now: number, settings: BoardSettings): AgentAlert[] {
  const alerts: AgentAlert[] = [];
  const stateSeconds = seconds(now - a.since);
  const call = callTimes(a, now);
  if (call && seconds(call.talkMs) > settings.goals.talkSeconds)
    alerts.push({
      kind: 'talk-over-goal',
      state: a.state,
      seconds: seconds(call.talkMs),
      limitSeconds: settings.goals.talkSeconds,
    });
  if (call && seconds(call.holdMs) > settings.goals.holdSeconds)
    alerts.push({
      kind: 'hold-over-goal',
      state: a.state,
      seconds: seconds(call.holdMs),
      limitSeconds: settings.goals.holdSeconds,
    });
  if (a.state === 'wrap-up' && stateSeconds > settings.goals.wrapUpSeconds)
    alerts.push({
      kind: 'wrap-up-over-goal',
      state: a.state,
      seconds: stateSeconds,
      limitSeconds: settings.goals.wrapUpSeconds,
    });
  const limit = settings.longStateSeconds[a.state];
  if (limit !== undefined && stateSeconds > limit)
    alerts.push({ kind: 'long-state', state: a.state, seconds: stateSeconds, limitSeconds: limit });
  return alerts;
}

export function agentRow(
  floor: Floor,
  a: AgentLive,
  now: number,
  settings: BoardSettings,
): AgentRow {
  const call = callTimes(a, now);
  const f = figures(a.tally);
  const talkSeconds = call ? seconds(call.talkMs) : null;
  return {
    id: a.id,
    name: a.name,
    team: a.team,
    languages: a.languages,
    state: a.state,
    reasonCode: a.reasonCode,
    stateSeconds: seconds(now - a.since),
    talkSeconds,
    holdSeconds: call ? seconds(call.holdMs) : null,
    talkLevel:
      talkSeconds === null ? null : goalLevel(talkSeconds, settings.goals.talkSeconds, 0.8),
    handled: f.handled,
    avgTalkSeconds: f.avgTalkMs === null ? null : seconds(f.avgTalkMs),
    avgWrapUpSeconds: f.avgWrapUpMs === null ? null : seconds(f.avgWrapUpMs),
    occupancy: occupancyOf([a], floor.day, now),
    pending: a.pending,
    alerts: alertsOf(a, now, settings),
  };
}

export function agentRows(floor: Floor, now: number, settings: BoardSettings): AgentRow[] {
  return Object.values(floor.agents).map((a) => agentRow(floor, a, now, settings));
}

export interface LanguageCoverage {
  language: 'en' | 'es';
  agentsStaffed: number;
  agentsAvailable: number;
  callsWaiting: number;
  longestWaitMs: number | null;
  /** More callers of the language waiting than agents of the language free to take them. */
  short: boolean;
}

/** Agents who speak a language and are available, against that language's callers waiting. */
export function languageCoverage(
  floor: Floor,
  language: 'en' | 'es',
  now: number,
): LanguageCoverage {
  const agents = Object.values(floor.agents).filter(
    (a) => staffed(a) && a.languages.includes(language),
  );
  const waiting = Object.values(floor.calls).filter(
    (c) => c.answeredAt === null && c.language === language,
  );
  const available = agents.filter((a) => a.state === 'available').length;
  return {
    language,
    agentsStaffed: agents.length,
    agentsAvailable: available,
    callsWaiting: waiting.length,
    longestWaitMs: waiting.length ? now - Math.min(...waiting.map((c) => c.queuedAt)) : null,
    short: waiting.length > available,
  };
}

/** The whole floor today in one line: every queue's tallies together. */
export function floorTotals(floor: Floor): TallyFigures {
  return figures(Object.values(floor.queues).reduce(addTallies, emptyTally()));
}
