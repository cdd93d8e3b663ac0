// @vitest-environment happy-dom
import '../../support/fake-bridge';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  installHubReporter,
  REPORT_RETRY_MS,
} from '../../../../renderer/features/board/hub-reporter';
import { useAppStore } from '../../../../renderer/store';
import type { AgentReport } from '../../../../shared/hub';
import type { TaplineBridge } from '../../../../shared/ipc';
import { type DeskEvent, defaultTeamSettings, newDesk, reduce } from '../../../../shared/telephony';
import { answers, callsTo, resetBridge } from '../../support/fake-bridge';

const signedIn = (userId: string, name: string) => ({
  principal: { userId, name, role: 'agent' as const, languages: ['en' as const], team: 'care-a' },
  training: true,
  demoUsers: [],
  cisUrl: '',
});

/** The agent's desk changes, as the softphone slice makes it change. */
function desk(event: DeskEvent) {
  const now = Date.now();
  const s = useAppStore.getState();
  useAppStore.setState({ desk: reduce(s.desk, event, now, defaultTeamSettings), now });
}

const sent = () =>
  (callsTo('hub.report') as { reports: AgentReport[] }[]).map((r) =>
    r.reports.map((x) => (x.kind === 'state' ? x.state : x.kind)),
  );

describe('the hub reporter when the main side does not take its reports', () => {
  let uninstall: () => void;
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-17T15:00:00Z'));
    resetBridge();
    useAppStore.setState({
      session: signedIn('u-agent', 'Alex Rivera'),
      desk: newDesk(Date.now()),
      team: defaultTeamSettings,
      now: Date.now(),
    });
    uninstall = installHubReporter();
  });
  afterEach(() => {
    uninstall();
    vi.useRealTimers();
  });

  it('keeps them, in order, and sends them again until they are taken, then not again', async () => {
    // No answer for hub.report: the fake bridge says the main side is offline.
    desk({ type: 'choose', state: 'available' });
    await vi.advanceTimersByTimeAsync(0);
    desk({ type: 'choose', state: 'break', reasonCode: 'rest-break' });
    await vi.advanceTimersByTimeAsync(0);
    // The next change tries the waiting one again first, in one call.
    expect(sent()).toEqual([['available'], ['available', 'break']]);
    await vi.advanceTimersByTimeAsync(REPORT_RETRY_MS - 1);
    expect(sent()).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent()).toEqual([['available'], ['available', 'break'], ['available', 'break']]);

    answers['hub.report'] = () => ({ waiting: 0 });
    await vi.advanceTimersByTimeAsync(REPORT_RETRY_MS);
    const ids = (callsTo('hub.report') as { reports: AgentReport[] }[]).map((r) =>
      r.reports.map((x) => x.id),
    );
    // The same reports each time (the hub recognises a resend by its id).
    expect(new Set(ids.map((x) => x.join()))).toEqual(new Set([ids[0].join(), ids.at(-1)!.join()]));
    expect(ids.at(-1)).toHaveLength(2);
    const calls = callsTo('hub.report').length;
    await vi.advanceTimersByTimeAsync(REPORT_RETRY_MS * 5);
    expect(callsTo('hub.report')).toHaveLength(calls);

    desk({ type: 'choose', state: 'available' });
    await vi.advanceTimersByTimeAsync(0);
    expect(sent().at(-1)).toEqual(['available']);
  });

  it('does not hold the others up behind a report the contract refuses', async () => {
    const bridge = window.tapline as TaplineBridge;
    const invoke = bridge.invoke;
    let refused = 0;
    bridge.invoke = (async (channel: string, request: unknown) => {
      await invoke.call(bridge, channel as never, request as never);
      if (refused++ === 0)
        return { ok: false, error: { code: 'bad_request', messageKey: 'errors:bad_request' } };
      return { ok: true, value: { waiting: 0 } };
    }) as TaplineBridge['invoke'];
    try {
      desk({ type: 'choose', state: 'available' });
      await vi.advanceTimersByTimeAsync(0);
      desk({ type: 'choose', state: 'lunch', reasonCode: 'lunch' });
      await vi.advanceTimersByTimeAsync(REPORT_RETRY_MS);
      expect(sent()).toEqual([['available'], ['lunch']]);
    } finally {
      bridge.invoke = invoke;
    }
  });

  it('sends an agent’s waiting reports when they sign in again, and drops them for another user', async () => {
    desk({ type: 'choose', state: 'available' });
    await vi.advanceTimersByTimeAsync(0);
    useAppStore.setState({ session: null });
    answers['hub.report'] = () => ({ waiting: 0 });
    await vi.advanceTimersByTimeAsync(REPORT_RETRY_MS);
    const before = callsTo('hub.report').length;
    useAppStore.setState({ session: signedIn('u-agent', 'Alex Rivera') });
    await vi.advanceTimersByTimeAsync(0);
    expect(callsTo('hub.report')).toHaveLength(before + 1);
    expect(sent().at(-1)).toEqual(['available']);

    delete answers['hub.report'];
    desk({ type: 'choose', state: 'break', reasonCode: 'rest-break' });
    await vi.advanceTimersByTimeAsync(0);
    // Another agent signs in at this desktop: the break was Alex's, not theirs.
    useAppStore.setState({ session: signedIn('u-agent-es', 'Marisol Vega') });
    answers['hub.report'] = () => ({ waiting: 0 });
    const calls = callsTo('hub.report').length;
    await vi.advanceTimersByTimeAsync(REPORT_RETRY_MS * 2);
    expect(callsTo('hub.report')).toHaveLength(calls);
  });
});
