import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type QueueObservation,
  type SimulatedCaller,
  TrainingSimulator,
} from '../../../electron/services/simulator/training-simulator';
import { type AgentReport, deskReports, eventsOfReports } from '../../../shared/hub';
import { applyEvents, callRecords, type FloorEvent, newFloor } from '../../../shared/metrics';
import {
  type DeskEvent,
  defaultTeamSettings,
  newDesk,
  reduce,
  type SoftphoneEvent,
  takeCompleted,
} from '../../../shared/telephony';
import type { Desk } from '../../../shared/telephony/types';

const agent = {
  userId: 'u-agent',
  name: 'Alex Rivera',
  team: 'care-a',
  languages: ['en' as const],
};
const caller: SimulatedCaller = {
  phone: '2155550101',
  name: 'Ana Ortiz',
  language: 'en',
  accountNumber: null,
  reason: 'high-bill',
};

/**
 * The training simulator ringing the desk, and everything the hub hears of it: the simulator's
 * queue side (as the hub service reports it) and the desk's changes (as the hub reporter does).
 */
function simulatedDesk(options: { rejectMissed: boolean }) {
  const reports: AgentReport[] = [];
  let n = 0;
  const id = () => `report-${String(++n).padStart(4, '0')}`;
  let desk: Desk = newDesk(Date.now());
  const step = (event: DeskEvent) => {
    const [next] = takeCompleted(reduce(desk, event, Date.now(), defaultTeamSettings));
    reports.push(
      ...deskReports(desk, next, Date.now(), {
        timeoutWrapUpCode: defaultTeamSettings.timeoutWrapUpCode,
        newId: id,
      }),
    );
    const dropped = [desk.active, desk.other].filter(
      (c) => c?.state === 'ringing' && c.id !== next.active?.id && c.id !== next.other?.id,
    );
    desk = next;
    // The desk let it ring out: released at the simulator, as the softphone slice does when it
    // rejects a missed call at the adapter.
    if (options.rejectMissed && next.notice === 'notice.missedCall')
      for (const c of dropped) sim.reject(c!.id);
  };
  const sim = new TrainingSimulator({ next: () => caller }, (e: SoftphoneEvent) => {
    if (e.type === 'incoming') step({ type: 'incoming', callId: e.callId, caller: e.caller });
    if (e.type === 'ended' && e.by === 'caller') step({ type: 'caller-hangup', callId: e.callId });
  });
  sim.observeQueue((o: QueueObservation) =>
    reports.push(
      o.kind === 'queued'
        ? { kind: 'queued', id: id(), at: o.at, callId: o.callId, language: o.language }
        : { kind: o.kind, id: id(), at: o.at, callId: o.callId },
    ),
  );
  return { sim, step, reports };
}

/** The hub's picture of what was reported: the live floor, and the interval reports' records. */
function hubSees(reports: AgentReport[]) {
  const events: FloorEvent[] = eventsOfReports(reports, agent);
  const floor = applyEvents(newFloor(Date.now(), 'America/New_York'), events);
  return { queue: floor.queues.english, records: callRecords(events) };
}

describe('a simulated call the agent lets ring out', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-17T15:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  for (const rejectMissed of [false, true])
    it(`is offered and removed from the queue, not abandoned (the missed call ${rejectMissed ? 'released at the simulator' : 'left ringing until the caller gives up'})`, () => {
      const { sim, step, reports } = simulatedDesk({ rejectMissed });
      step({ type: 'choose', state: 'available' });
      const callId = sim.ring()!;
      vi.advanceTimersByTime(defaultTeamSettings.ringSeconds * 1000);
      step({ type: 'tick' });
      // The simulated caller's patience (60 s of ringing) runs out later, if still ringing.
      vi.advanceTimersByTime(120_000);
      expect(sim.active()).toEqual([]);
      const { queue, records } = hubSees(reports);
      expect(queue).toMatchObject({ offered: 1, answered: 0, abandoned: 0, removed: 1 });
      expect(records).toEqual([
        expect.objectContaining({
          callId: `u-agent/${callId}`,
          answeredAt: null,
          abandonedAt: null,
          removedAt: Date.parse('2026-11-17T15:00:00Z') + defaultTeamSettings.ringSeconds * 1000,
        }),
      ]);
    });

  it('is still an abandon when the caller hangs up while it rings', () => {
    const { sim, step, reports } = simulatedDesk({ rejectMissed: true });
    step({ type: 'choose', state: 'available' });
    const callId = sim.ring()!;
    vi.advanceTimersByTime(5_000);
    sim.callerHangup(callId);
    expect(hubSees(reports).queue).toMatchObject({ offered: 1, abandoned: 1, removed: 0 });
  });
});
