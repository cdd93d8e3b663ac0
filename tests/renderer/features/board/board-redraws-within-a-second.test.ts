// @vitest-environment happy-dom
import '../../support/fake-bridge';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BOARD_REFRESH_MS } from '../../../../renderer/features/board/board-slice';
import { useAppStore } from '../../../../renderer/store';
import { type FloorEvent, newFloor } from '../../../../shared/metrics';
import { defaultTeamSettings } from '../../../../shared/telephony';

const state = (agentId: string, at: number, s: 'available' | 'on-call' | 'break'): FloorEvent => ({
  kind: 'agent.state',
  id: `${agentId}-${at}-${s}`,
  at,
  agentId,
  name: agentId,
  team: 'care-a',
  languages: ['en'],
  state: s,
  reasonCode: s === 'break' ? 'rest-break' : null,
});

describe('the lead’s board redraws within a second of an event', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-17T15:00:00Z'));
    useAppStore.setState({ floor: null, boardSeq: 0 });
    useAppStore.getState().receiveSnapshot({
      seq: 1,
      floor: newFloor(Date.now(), 'America/New_York'),
      settings: { goals: defaultTeamSettings.goals, longStateSeconds: {} },
      status: { connection: 'open', sharing: 'single' },
    });
  });
  afterEach(() => vi.useRealTimers());

  it(`shows an event ${BOARD_REFRESH_MS} ms after it arrives, many events in one redraw`, () => {
    expect(BOARD_REFRESH_MS).toBeLessThan(1000);
    let redraws = 0;
    const off = useAppStore.subscribe((s, prev) => {
      if (s.floor !== prev.floor) redraws++;
    });
    const t = Date.now();
    const board = () => useAppStore.getState().floor!.agents;
    useAppStore.getState().receiveEvents(2, [state('a1', t, 'available')]);
    vi.advanceTimersByTime(100);
    useAppStore.getState().receiveEvents(3, [state('a2', t + 100, 'available')]);
    useAppStore.getState().receiveEvents(4, [state('a1', t + 120, 'on-call')]);
    vi.advanceTimersByTime(BOARD_REFRESH_MS - 101);
    expect(board()).toEqual({});
    expect(redraws).toBe(0);
    vi.advanceTimersByTime(1);
    expect(board().a1.state).toBe('on-call');
    expect(board().a2.state).toBe('available');
    expect(redraws).toBe(1);

    // The next event, once the board is quiet: again within the refresh interval.
    vi.advanceTimersByTime(5_000);
    useAppStore.getState().receiveEvents(5, [state('a2', t + 5_000, 'break')]);
    vi.advanceTimersByTime(BOARD_REFRESH_MS - 1);
    expect(board().a2.state).toBe('available');
    vi.advanceTimersByTime(1);
    expect(board().a2.state).toBe('break');
    expect(redraws).toBe(2);
    off();
  });

  it('ignores events older than the picture it has', () => {
    useAppStore.getState().receiveEvents(1, [state('a1', Date.now(), 'available')]);
    vi.advanceTimersByTime(BOARD_REFRESH_MS * 2);
    expect(useAppStore.getState().floor!.agents).toEqual({});
  });
});
