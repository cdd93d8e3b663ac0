import type { QueueSettings } from './settings';

/**
 * Running counts of calls, from which every figure of the board and the reports is derived.
 * Sums are milliseconds. Counting rules: docs/team-board.md (how each figure is counted).
 */
export interface Tally {
  /** Calls that entered the queue, short abandons included (they are subtracted when shown). */
  offered: number;
  answered: number;
  /** Answered with a wait at or below the queue's threshold. */
  answeredWithin: number;
  /** Abandons that are not short abandons. */
  abandoned: number;
  /** Abandons (not short) with a wait above the threshold: the service level's other term. */
  abandonedAfter: number;
  shortAbandons: number;
  removed: number;
  /** Total wait of answered calls (ASA's numerator). */
  waitMs: number;
  /** Calls whose after-call work is finished (AHT's denominator). */
  handled: number;
  talkMs: number;
  holdMs: number;
  wrapUpMs: number;
}

export const emptyTally = (): Tally => ({
  offered: 0,
  answered: 0,
  answeredWithin: 0,
  abandoned: 0,
  abandonedAfter: 0,
  shortAbandons: 0,
  removed: 0,
  waitMs: 0,
  handled: 0,
  talkMs: 0,
  holdMs: 0,
  wrapUpMs: 0,
});

export function countOffered(t: Tally): Tally {
  return { ...t, offered: t.offered + 1 };
}

/** Answered after `waitMs` in queue: within service when the wait is at most the threshold. */
export function countAnswered(t: Tally, waitMs: number, q: QueueSettings): Tally {
  return {
    ...t,
    answered: t.answered + 1,
    answeredWithin: t.answeredWithin + (waitMs <= q.thresholdSeconds * 1000 ? 1 : 0),
    waitMs: t.waitMs + waitMs,
  };
}

export function isShortAbandon(waitMs: number, q: QueueSettings): boolean {
  return q.shortAbandonSeconds > 0 && waitMs < q.shortAbandonSeconds * 1000;
}

/**
 * The caller hung up after `waitMs`. A short abandon is set aside (excluded from offered and
 * abandoned); any other counts as abandoned, and against the service level when the wait went
 * past the threshold (Genesys: answered + abandoned after the threshold).
 */
export function countAbandoned(t: Tally, waitMs: number, q: QueueSettings): Tally {
  if (isShortAbandon(waitMs, q)) return { ...t, shortAbandons: t.shortAbandons + 1 };
  return {
    ...t,
    abandoned: t.abandoned + 1,
    abandonedAfter: t.abandonedAfter + (waitMs > q.thresholdSeconds * 1000 ? 1 : 0),
  };
}

export function countRemoved(t: Tally): Tally {
  return { ...t, removed: t.removed + 1 };
}

/** After-call work finished: the call is handled, with its talk, hold and wrap-up. */
export function countHandled(
  t: Tally,
  call: { talkMs: number; holdMs: number; wrapUpMs: number },
): Tally {
  return {
    ...t,
    handled: t.handled + 1,
    talkMs: t.talkMs + call.talkMs,
    holdMs: t.holdMs + call.holdMs,
    wrapUpMs: t.wrapUpMs + call.wrapUpMs,
  };
}

export function addTallies(a: Tally, b: Tally): Tally {
  const out = emptyTally();
  for (const k of Object.keys(out) as (keyof Tally)[]) out[k] = a[k] + b[k];
  return out;
}

const ratio = (n: number, d: number): number | null => (d > 0 ? n / d : null);

export interface TallyFigures {
  /** Offered without short abandons. */
  offered: number;
  answered: number;
  abandoned: number;
  shortAbandons: number;
  /** Answered within the threshold ÷ (answered + abandoned after the threshold); null: no call. */
  serviceLevel: number | null;
  /** Average speed of answer: total wait of answered calls ÷ answered calls (ms). */
  asaMs: number | null;
  /** Average handle time: (talk + hold + wrap-up) ÷ calls handled (ms). */
  ahtMs: number | null;
  /** Abandoned ÷ offered. */
  abandonRate: number | null;
  handled: number;
  avgTalkMs: number | null;
  avgWrapUpMs: number | null;
}

/** The figures of a tally as the board and the reports publish them (docs/team-board.md). */
export function figures(t: Tally): TallyFigures {
  const offered = t.offered - t.shortAbandons;
  return {
    offered,
    answered: t.answered,
    abandoned: t.abandoned,
    shortAbandons: t.shortAbandons,
    serviceLevel: ratio(t.answeredWithin, t.answered + t.abandonedAfter),
    asaMs: ratio(t.waitMs, t.answered),
    ahtMs: ratio(t.talkMs + t.holdMs + t.wrapUpMs, t.handled),
    abandonRate: ratio(t.abandoned, offered),
    handled: t.handled,
    avgTalkMs: ratio(t.talkMs, t.handled),
    avgWrapUpMs: ratio(t.wrapUpMs, t.handled),
  };
}
