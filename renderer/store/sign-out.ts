import type { AppState } from './index';

/**
 * What belongs to the desktop rather than to the agent signed in: the settings, the link to the
 * main side and its sync status; and the call records that could not reach the outbox before a
 * session ended, each keyed by its agent (only that agent's session sends or sees them, so none is
 * lost and none shows to the next user). Everything else in the store is the agent's work —
 * search, accounts, panels, calls, scripts, approvals, the board — and goes when they sign out.
 */
const DESKTOP_STATE = [
  'settings',
  'settingsError',
  'connection',
  'appInfo',
  'session',
  'sync',
  'unrecorded',
] as const satisfies readonly (keyof AppState)[];

/** The store's first state without its actions or the desktop's own: what a sign-out restores. */
export function agentStateAtStart(initial: AppState): Partial<AppState> {
  const keep = new Set<string>(DESKTOP_STATE);
  return Object.fromEntries(
    Object.entries(initial).filter(([key, value]) => typeof value !== 'function' && !keep.has(key)),
  ) as Partial<AppState>;
}
