import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalCache } from '../../../../db/cache';
import {
  type SimulatedCaller,
  SimulatorRefusal,
  TrainingSimulator,
} from '../../../../electron/services/simulator/training-simulator';
import { cacheCallerSource } from '../../../../electron/services/softphone/softphone-service';
import { likelyReasons, type SoftphoneEvent } from '../../../../shared/telephony';
import { FakeClock, seededRandom } from '../../../support/fake-clock';
import { accountHeader } from '../../../support/headers';

const caller: SimulatedCaller = {
  phone: '215-555-0142',
  name: 'Marisol Vega',
  language: 'es',
  accountNumber: 'PA-1000042',
  reason: 'high-bill',
};

function simulator(seed = 1) {
  const clock = new FakeClock();
  const events: SoftphoneEvent[] = [];
  const sim = new TrainingSimulator(
    { next: () => caller },
    (e) => events.push(e),
    seededRandom(seed),
    clock,
  );
  sim.configure({ ringPatienceSeconds: 30, holdPatienceSeconds: 90, transferSeconds: 3 });
  return { sim, clock, events };
}

describe('the training simulator', () => {
  it('draws callers from the synthetic customers in the cache, with a reason that fits the account', () => {
    const cache = LocalCache.open({
      file: join(mkdtempSync(join(tmpdir(), 'tapline-sim-')), 'cache.db'),
      key: 'a'.repeat(64),
    });
    const headers = [
      accountHeader('PA-1000001', { phones: ['2155550101'], language: 'es', openNotices: 1 }),
      accountHeader('PA-1000002', { phones: ['2675550102'], status: 'closed' }),
      accountHeader('PA-1000003', { phones: ['4455550103'], pastDueCents: 12_000 }),
    ];
    cache.upsertHeaders(headers);
    const source = cacheCallerSource(cache);
    const random = seededRandom(3);
    const seen = new Set<string>();
    for (let i = 0; i < 60; i++) {
      const c = source.next(random)!;
      const h = headers.find((x) => x.number === c.accountNumber)!;
      expect(h.phones).toContain(c.phone);
      expect(c.language).toBe(h.language);
      expect(likelyReasons(h).map(([r]) => r)).toContain(c.reason);
      seen.add(c.accountNumber!);
    }
    expect(seen.size).toBe(3);
    cache.close();
  });

  it('rings at the rate the trainee sets', () => {
    const { sim, clock, events } = simulator(11);
    sim.configure({ callsPerHour: 60, ringPatienceSeconds: 1 });
    const hours = 200;
    clock.advance(hours * 3_600_000);
    const rings = events.filter((e) => e.type === 'incoming').length;
    // 12,000 expected; a Poisson count's standard deviation is its square root (about 110).
    expect(Math.abs(rings - 60 * hours)).toBeLessThan(4 * Math.sqrt(60 * hours));
    sim.configure({ callsPerHour: 6 });
    clock.advance(hours * 3_600_000);
    const slower = events.filter((e) => e.type === 'incoming').length - rings;
    expect(Math.abs(slower - 6 * hours)).toBeLessThan(4 * Math.sqrt(6 * hours));
    sim.stop();
  });

  it('spaces its calls with the irregular gaps of a Poisson process: exponential, spread equal to the mean', () => {
    const clock = new FakeClock();
    const at: number[] = [];
    const sim = new TrainingSimulator(
      { next: () => caller },
      (e) => {
        if (e.type === 'incoming') at.push(clock.now);
      },
      seededRandom(5),
      clock,
    );
    sim.configure({ ringPatienceSeconds: 1, callsPerHour: 30 });
    clock.advance(500 * 3_600_000);
    const gaps = at.slice(1).map((t, i) => t - at[i]);
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    const sd = Math.sqrt(gaps.reduce((a, g) => a + (g - mean) ** 2, 0) / gaps.length);
    expect(mean / 120_000).toBeGreaterThan(0.95);
    expect(mean / 120_000).toBeLessThan(1.05);
    expect(sd / mean).toBeGreaterThan(0.9);
    expect(sd / mean).toBeLessThan(1.1);
    sim.configure({ callsPerHour: 0 });
    const count = at.length;
    clock.advance(10 * 3_600_000);
    expect(at.length).toBe(count);
  });

  it('rings now on request, with the caller’s number in E.164, language and reason', () => {
    const { sim, events } = simulator();
    const id = sim.ring();
    expect(events).toEqual([
      {
        type: 'incoming',
        callId: id,
        caller: { from: '+12155550142', language: 'es', reason: 'high-bill' },
      },
    ]);
  });

  it('hangs up when left ringing, and when left on hold, but not while the agent talks', () => {
    const { sim, clock, events } = simulator();
    const unanswered = sim.ring()!;
    clock.advance(29_999);
    expect(events.at(-1)?.type).toBe('incoming');
    clock.advance(1);
    expect(events.at(-1)).toEqual({ type: 'ended', callId: unanswered, by: 'caller' });

    const talked = sim.ring()!;
    sim.accept(talked);
    clock.advance(3_600_000);
    expect(events.at(-1)).toEqual({ type: 'accepted', callId: talked });
    sim.hold(talked, true);
    clock.advance(60_000);
    sim.hold(talked, false);
    clock.advance(60_000);
    expect(sim.active().map((c) => c.state)).toEqual(['connected']);
    sim.hold(talked, true);
    clock.advance(90_000);
    expect(events.at(-1)).toEqual({ type: 'ended', callId: talked, by: 'caller' });
    expect(sim.active()).toEqual([]);
  });

  it('hears keypad digits on a connected call only, and answers them as a phone menu does', () => {
    const { sim, events } = simulator();
    const id = sim.ring()!;
    expect(() => sim.digits(id, '1')).toThrow(SimulatorRefusal);
    sim.accept(id);
    sim.digits(id, '42#');
    expect(events.slice(-2)).toEqual([
      { type: 'digits', callId: id, digits: '42#' },
      { type: 'far-end', callId: id, reply: 'entry-confirmed', entry: '42' },
    ]);
    // Digits sent one at a time add up; `*` clears them; `#` then reads back only what followed.
    for (const digit of ['7', '0', '*', '1', '5', '#']) sim.digits(id, digit);
    expect(events.filter((e) => e.type === 'far-end').slice(1)).toEqual([
      { type: 'far-end', callId: id, reply: 'entry-cleared', entry: '70' },
      { type: 'far-end', callId: id, reply: 'entry-confirmed', entry: '15' },
    ]);
    sim.hold(id, true);
    expect(() => sim.digits(id, '1')).toThrow(/conflict/);
    expect(() => sim.digits('SIM-none', '1')).toThrow(/not_found/);
  });

  it('can be made to hang up by the trainer, mid-call', () => {
    const { sim, events } = simulator();
    const id = sim.ring()!;
    sim.accept(id);
    sim.callerHangup(id);
    expect(events.at(-1)).toEqual({ type: 'ended', callId: id, by: 'caller' });
    expect(() => sim.hangup(id)).toThrow(/not_found/);
  });

  it('fails a transfer to a target ending in the failing suffix, returning the caller on hold', () => {
    const { sim, clock, events } = simulator();
    const id = sim.ring()!;
    sim.accept(id);
    sim.transfer(id, '+12155550000');
    expect(events.at(-1)).toMatchObject({ type: 'transfer', outcome: 'started' });
    clock.advance(3_000);
    expect(events.at(-1)).toMatchObject({ type: 'transfer', outcome: 'failed' });
    expect(sim.active()[0].state).toBe('held');
    sim.hold(id, false);
    sim.transfer(id, 'queue:billing');
    clock.advance(3_000);
    expect(events.at(-1)).toMatchObject({ type: 'transfer', outcome: 'completed' });
    expect(sim.active()).toEqual([]);
  });

  it('holds a warm transfer until the agent hands the caller over, or calls it off', () => {
    const { sim, clock, events } = simulator();
    const id = sim.ring()!;
    sim.accept(id);
    sim.transfer(id, 'agent:u-lead', true);
    clock.advance(60_000);
    expect(sim.active()[0].state).toBe('transferring');
    sim.endTransfer(id, false);
    expect(events.at(-1)).toEqual({
      type: 'transfer',
      callId: id,
      outcome: 'failed',
      target: 'agent:u-lead',
    });
    sim.hold(id, false);
    sim.transfer(id, '+12155550123', true);
    sim.endTransfer(id, true);
    expect(events.at(-1)).toMatchObject({ outcome: 'completed', target: '+12155550123' });
    expect(() => sim.endTransfer(id, true)).toThrow(/not_found/);
  });
});
