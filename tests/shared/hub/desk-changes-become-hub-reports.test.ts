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

  it('reports a missed call of the desktop’s own queue as removed from it (not abandoned: the caller did not hang up), and Not ready with the reason', () => {
    const missedAt = 1_000 + defaultTeamSettings.ringSeconds * 1000;
    const reports = drive([
      [0, { type: 'choose', state: 'available' }],
      [1_000, { type: 'incoming', callId: 'SIM3', caller }],
      [missedAt, { type: 'tick' }],
    ]);
    expect(reports.map(({ id: _id, ...r }) => r)).toEqual([
      { kind: 'state', at: 0, state: 'available', reasonCode: null },
      { kind: 'state', at: 1_000, state: 'ringing', reasonCode: null },
      { kind: 'removed', at: missedAt, callId: 'SIM3' },
      { kind: 'state', at: missedAt, state: 'not-ready', reasonCode: 'missed-call' },
    ]);
  });

  it('reports a second call missed while on a call as removed, the first call going on', () => {
    const missedAt = 20_000 + defaultTeamSettings.ringSeconds * 1000;
    const reports = drive([
      [0, { type: 'choose', state: 'available' }],
      [1_000, { type: 'incoming', callId: 'SIM4', caller }],
      [2_000, { type: 'accept', callId: 'SIM4' }],
      [20_000, { type: 'incoming', callId: 'SIM5', caller }],
      [missedAt, { type: 'tick' }],
    ]);
    expect(reports.filter((r) => r.kind === 'removed')).toEqual([
      expect.objectContaining({ callId: 'SIM5', at: missedAt }),
    ]);
    expect(reports.at(-1)).toMatchObject({ kind: 'removed' });
  });

  it('leaves a ringing call the caller hung up on, or the agent declined, to the queue’s own report', () => {
    const reports = drive([
      [0, { type: 'choose', state: 'available' }],
      [1_000, { type: 'incoming', callId: 'SIM6', caller }],
      [3_000, { type: 'caller-hangup', callId: 'SIM6' }],
      [4_000, { type: 'incoming', callId: 'SIM7', caller }],
      [5_000, { type: 'reject', callId: 'SIM7' }],
    ]);
    expect(reports.map((r) => r.kind)).not.toContain('removed');
  });

  it('names a Twilio call by the caller’s CallSid on every call report, and leaves a missed one to Twilio’s queue', () => {
    const callerSid = 'CA0123456789abcdef0123456789abcdef';
    const twilioCaller = {
      from: '+12155550101',
      language: 'en' as const,
      networkCallId: callerSid,
    };
    const reports = drive([
      [0, { type: 'choose', state: 'available' }],
      [1_000, { type: 'incoming', callId: 'CAleg1', caller: twilioCaller }],
      [2_000, { type: 'accept', callId: 'CAleg1' }],
      [62_000, { type: 'hangup' }],
      [70_000, { type: 'wrap-up-code', code: 'high-bill' }],
      [72_000, { type: 'choose', state: 'available' }],
      [80_000, { type: 'incoming', callId: 'CAleg2', caller: twilioCaller }],
      [80_000 + defaultTeamSettings.ringSeconds * 1000, { type: 'tick' }],
    ]);
    for (const r of reports) expect(agentReport.safeParse(r).success).toBe(true);
    const calls = reports.filter((r) => r.kind !== 'state');
    expect(
      calls.map((r) => [r.kind, r.callId, 'networkCallId' in r ? r.networkCallId : null]),
    ).toEqual([
      ['answered', 'CAleg1', callerSid],
      ['ended', 'CAleg1', callerSid],
      ['wrapped', 'CAleg1', callerSid],
    ]);
    expect(reports.at(-1)).toMatchObject({ kind: 'state', state: 'not-ready' });
  });

  it('leaves out a caller’s call id that is not a Twilio CallSid (the hub would refuse the report)', () => {
    const reports = drive([
      [0, { type: 'choose', state: 'available' }],
      [
        1_000,
        { type: 'incoming', callId: 'CAleg3', caller: { ...caller, networkCallId: 'nonsense' } },
      ],
      [2_000, { type: 'accept', callId: 'CAleg3' }],
    ]);
    const answered = reports.find((r) => r.kind === 'answered');
    expect(answered).toBeDefined();
    expect(answered).not.toHaveProperty('networkCallId');
    expect(agentReport.safeParse(answered).success).toBe(true);
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
