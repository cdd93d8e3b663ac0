import type { TaplineBridge } from '../../../shared/ipc';

/**
 * The bridge the renderer talks to, answered by the test: every call is recorded, a channel
 * answers what `answers` says (else a typed offline error), and events are emitted by hand.
 * Imported first, before any renderer module reads `window.tapline`.
 */
export const calls: { channel: string; request: unknown }[] = [];
export const answers: Record<string, (request: unknown) => unknown> = {};
/** A channel's typed refusal, as the registry answers it (`errors:<code>` is its words). */
export const refusals: Record<string, (request: unknown) => { code: string; details?: unknown }> =
  {};
const listeners = new Map<string, Set<(payload: unknown) => void>>();

const bridge = {
  host: 'web',
  async invoke(channel: string, request: unknown) {
    calls.push({ channel, request });
    const refused = refusals[channel]?.(request);
    if (refused) return { ok: false, error: { ...refused, messageKey: `errors:${refused.code}` } };
    const answer = answers[channel];
    return answer
      ? { ok: true, value: answer(request) }
      : { ok: false, error: { code: 'offline', messageKey: 'errors:offline' } };
  },
  on(event: string, listener: (payload: unknown) => void) {
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    return () => set.delete(listener);
  },
  onConnection(listener: (state: 'open' | 'closed') => void) {
    listener('open');
    return () => {};
  },
} as unknown as TaplineBridge;
window.tapline = bridge;

export function emit(event: string, payload: unknown): void {
  for (const l of listeners.get(event) ?? []) l(payload);
}

export function callsTo(channel: string): unknown[] {
  return calls.filter((c) => c.channel === channel).map((c) => c.request);
}

export function resetBridge(): void {
  calls.length = 0;
  for (const k of Object.keys(answers)) delete answers[k];
  for (const k of Object.keys(refusals)) delete refusals[k];
}
