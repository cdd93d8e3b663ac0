import { describe, expect, it } from 'vitest';
import { type AgentReport, agentReport, deskReports } from '../../../shared/hub';
import {
  type DeskEvent,
  defaultTeamSettings,
  newDesk,
  reduce,
  takeCompleted,
} from '../../../shared/telephony';
import type { Desk } from '../../../shared/telephony/types';

/** Drives the real desk machine as the softphone slice does and collects the hub reports. */
function drive(steps: [number, DeskEvent][]): AgentReport[] {
  let desk: Desk = newDesk(0);
  let n = 0;
  const reports: AgentReport[] = [];
  for (const [now, event] of steps) {
    const [next] = takeCompleted(reduce(desk, event, now, defaultTeamSettings));
    reports.push(
      ...deskReports(desk, next, now, {
        timeoutWrapUpCode: defaultTeamSettings.timeoutWrapUpCode,
        newId: () => `report-${String(++n).padStart(4, '0')}`,
      }),
    );
    desk = next;
  }
  return reports;
}

const caller = { from: '+12155550101', language: 'es' as const, reason: 'high-bill' };

describe('desk changes become hub reports', () => {
  it('reports a whole call: answered, talk and hold, wrap-up with its code, and each state', () => {
    const reports = drive([
      [1_000, { type: 'choose', state: 'available' }],
      [10_000, { type: 'incoming', callId: 'SIM1', caller }],
      [14_000, { type: 'accept', callId: 'SIM1' }],
      [74_000, { type: 'hold' }],
      [104_000, { type: 'resume' }],
      [134_000, { type: 'hangup' }],
      [150_000, { type: 'wrap-up-code', code: 'high-bill' }],
      [164_000, { type: 'choose', state: 'available' }],
    ]);
    for (const r of reports) expect(agentReport.safeParse(r).success).toBe(true);
    const summary = reports.map(({ id: _id, ...r }) => r);
    expect(summary).toEqual([
      { kind: 'state', at: 1_000, state: 'available', reasonCode: null },
      { kind: 'state', at: 10_000, state: 'ringing', reasonCode: null },
      { kind: 'answered', at: 14_000, callId: 'SIM1', language: 'es', offeredAt: 10_000 },
      { kind: 'state', at: 14_000, state: 'on-call', reasonCode: null },
      { kind: 'state', at: 74_000, state: 'on-hold', reasonCode: null },
      { kind: 'state', at: 104_000, state: 'on-call', reasonCode: null },
      { kind: 'ended', at: 134_000, callId: 'SIM1', talkMs: 90_000, holdMs: 30_000 },
      { kind: 'state', at: 134_000, state: 'wrap-up', reasonCode: null },
      { kind: 'wrapped', at: 164_000, callId: 'SIM1', wrapUpMs: 30_000, code: 'high-bill' },
      { kind: 'state', at: 164_000, state: 'available', reasonCode: null },
    ]);
    expect(new Set(reports.map((r) => r.id)).size).toBe(reports.length);
  });

  it('reports the timeout code when the wrap-up limit ends the after-call work', () => {
    const limit = defaultTeamSettings.wrapUpLimitSeconds * 1000;
    const reports = drive([
      [0, { type: 'choose', state: 'available' }],
      [1_000, { type: 'incoming', callId: 'SIM2', caller }],
      [2_000, { type: 'accept', callId: 'SIM2' }],
      [62_000, { type: 'caller-hangup', callId: 'SIM2' }],
      [62_000 + limit, { type: 'tick' }],
    ]);
    expect(reports.filter((r) => r.kind === 'wrapped')).toEqual([
      expect.objectContaining({ callId: 'SIM2', wrapUpMs: limit, code: 'wrap-up-timeout' }),
    ]);
  });

  it('reports each call’s own wrap-up when one ended while the next rang, leaving out the next one’s talk', () => {
    const reports = drive([
      [0, { type: 'choose', state: 'available' }],
      [1_000, { type: 'incoming', callId: 'SIM4', caller }],
      [2_000, { type: 'accept', callId: 'SIM4' }],
      [12_000, { type: 'incoming', callId: 'SIM5', caller }],
      [14_000, { type: 'hangup' }],
      [17_000, { type: 'accept', callId: 'SIM5' }],
      [317_000, { type: 'hangup' }],
      [322_000, { type: 'wrap-up-code', code: 'other' }],
      [327_000, { type: 'choose', state: 'available' }],
    ]);
    expect(
      reports
        .filter((r) => r.kind === 'wrapped')
        .map((r) => r.kind === 'wrapped' && [r.callId, r.wrapUpMs]),
    ).toEqual([
      // SIM4: 3 s while SIM5 rang, then the 10 s after SIM5 ended.
      ['SIM4', 13_000],
      ['SIM5', 10_000],
    ]);
  });

  it('reports a missed call as Not ready with the reason, and no call events', () => {
    const reports = drive([
      [0, { type: 'choose', state: 'available' }],
      [1_000, { type: 'incoming', callId: 'SIM3', caller }],
      [1_000 + defaultTeamSettings.ringSeconds * 1000, { type: 'tick' }],
    ]);
    expect(reports.map((r) => r.kind)).toEqual(['state', 'state', 'state']);
    expect(reports.at(-1)).toMatchObject({ state: 'not-ready', reasonCode: 'missed-call' });
  });

  it('reports a break’s reason code, and says nothing when nothing changed', () => {
    const reports = drive([
      [0, { type: 'choose', state: 'break', reasonCode: 'personal' }],
      [1_000, { type: 'tick' }],
      [2_000, { type: 'tick' }],
    ]);
    expect(reports.map(({ id: _id, ...r }) => r)).toEqual([
      { kind: 'state', at: 0, state: 'break', reasonCode: 'personal' },
    ]);
  });
});
