import type { AgentState, Call, Desk, TeamSettings } from './types';

export type GoalLevel = 'ok' | 'warning' | 'over';

export interface Timers {
  stateSeconds: number;
  talkSeconds: number;
  holdSeconds: number;
  wrapUpSeconds: number;
  talk: GoalLevel;
  hold: GoalLevel;
  wrapUp: GoalLevel;
}

export function callTimes(call: Call | null, now: number): { talkMs: number; holdMs: number } {
  if (!call) return { talkMs: 0, holdMs: 0 };
  const running = call.stretchAt === null ? 0 : now - call.stretchAt;
  return {
    talkMs: call.talkMs + (call.state === 'connected' ? running : 0),
    holdMs: call.holdMs + (call.state === 'on-hold' || call.state === 'transferring' ? running : 0),
  };
}

/** A call's wrap-up at `now`: since it ended, less the stretches the agent spent on other calls. */
export function wrapUpTime(call: Call, now: number): number {
  return call.wrapUpMs + (call.wrapUpAt === null ? 0 : now - call.wrapUpAt);
}

/** The longest wrap-up of the calls waiting for their code: the one the team's limit measures. */
export function longestWrapUp(desk: Desk, now: number): number {
  return Math.max(0, ...(desk.wrapUp?.calls ?? []).map((c) => wrapUpTime(c, now)));
}

export function goalLevel(seconds: number, goal: number, warnAt: number): GoalLevel {
  if (seconds > goal) return 'over';
  if (seconds >= goal * warnAt) return 'warning';
  return 'ok';
}

/** The desk's timers against the team's goals, at `now`. */
export function timers(desk: Desk, now: number, settings: TeamSettings): Timers {
  const call = desk.active ?? desk.wrapUp?.calls.at(-1) ?? null;
  const { talkMs, holdMs } = callTimes(call, now);
  const wrapUpMs = longestWrapUp(desk, now);
  const s = (ms: number) => Math.floor(ms / 1000);
  return {
    stateSeconds: s(now - desk.since),
    talkSeconds: s(talkMs),
    holdSeconds: s(holdMs),
    wrapUpSeconds: s(wrapUpMs),
    talk: goalLevel(s(talkMs), settings.goals.talkSeconds, settings.warnAt),
    hold: goalLevel(s(holdMs), settings.goals.holdSeconds, settings.warnAt),
    wrapUp: goalLevel(s(wrapUpMs), settings.goals.wrapUpSeconds, settings.warnAt),
  };
}

/** Time spent in each state while logged in, the current stretch included; never Offline. */
export function timeInStates(desk: Desk, now: number): Partial<Record<AgentState, number>> {
  const out = { ...desk.spent };
  if (desk.loggedInAt !== null) out[desk.state] = (out[desk.state] ?? 0) + (now - desk.since);
  return out;
}
