import type { AgentState, TeamSettings } from '../telephony/types';

/**
 * A queue's service-level objective and how its abandons count. Definitions follow Genesys
 * Cloud's published service level and the commonly used exclusion of short abandons (the
 * counting rules are in docs/team-board.md).
 */
export interface QueueSettings {
  id: string;
  /** The language the queue's callers speak: the agents who can take its calls have it. */
  language: 'en' | 'es';
  /** Answered within this many seconds counts as within service (Genesys: 20 s by default). */
  thresholdSeconds: number;
  /** The service level the queue aims for, in percent (Genesys: 80% by default). */
  targetPercent: number;
  /**
   * A caller who hangs up within this many seconds of entering the queue is a short abandon:
   * excluded from offered, abandoned and the service level ("commonly excluded; make it a
   * setting"). 0 counts every abandon.
   */
  shortAbandonSeconds: number;
}

/** Genesys Cloud's default objective: 80% of calls answered within 20 seconds. */
export const DEFAULT_SERVICE_LEVEL = { thresholdSeconds: 20, targetPercent: 80 } as const;

/**
 * Tapline's default for a short abandon. The reference leaves the number to the operation; 5 s
 * is the span of a caller who dialled the wrong number and hangs up at the greeting.
 */
export const DEFAULT_SHORT_ABANDON_SECONDS = 5;

/** The two queues the voice webhook routes to (server/telephony: english, spanish). */
export const defaultQueues: Record<string, QueueSettings> = {
  english: {
    id: 'english',
    language: 'en',
    ...DEFAULT_SERVICE_LEVEL,
    shortAbandonSeconds: DEFAULT_SHORT_ABANDON_SECONDS,
  },
  spanish: {
    id: 'spanish',
    language: 'es',
    ...DEFAULT_SERVICE_LEVEL,
    shortAbandonSeconds: DEFAULT_SHORT_ABANDON_SECONDS,
  },
};

/** The queue a call of a language goes to when nothing else says (the webhook's rule). */
export function queueForLanguage(language: 'en' | 'es'): string {
  return language === 'es' ? 'spanish' : 'english';
}

/** Settings of a queue, or the default objective for a queue the hub has not been told about. */
export function settingsOf(
  queues: Record<string, QueueSettings>,
  queue: string,
  language: 'en' | 'es' = 'en',
): QueueSettings {
  return (
    queues[queue] ?? {
      id: queue,
      language,
      ...DEFAULT_SERVICE_LEVEL,
      shortAbandonSeconds: DEFAULT_SHORT_ABANDON_SECONDS,
    }
  );
}

/**
 * How long an agent may stay in a state before the board raises a long-state alert, in seconds.
 * Team settings of Tapline's (the reference is silent): a break is 15 minutes, lunch an hour.
 * Talk, hold and wrap-up are judged against the team's goals instead (TeamSettings.goals).
 */
export const defaultLongStateSeconds: Partial<Record<AgentState, number>> = {
  'not-ready': 10 * 60,
  break: 15 * 60,
  lunch: 60 * 60,
  training: 90 * 60,
  meeting: 60 * 60,
  ringing: 30,
};

/** Why a lead changes an agent's state: the codes the board offers (shown translated). */
export const directiveReasons = [
  'queue-coverage',
  'coaching',
  'meeting',
  'system-issue',
  'end-of-shift',
  'schedule',
] as const;
export type DirectiveReason = (typeof directiveReasons)[number];

export interface BoardSettings {
  queues: Record<string, QueueSettings>;
  goals: TeamSettings['goals'];
  longStateSeconds: Partial<Record<AgentState, number>>;
}
