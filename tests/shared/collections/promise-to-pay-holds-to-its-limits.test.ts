import { describe, expect, it } from 'vitest';
import {
  decidePromise,
  disconnectionAccountOf,
  evaluateDisconnection,
  getCollectionPolicy,
  promiseStanding,
} from '../../../shared/collections';
import { plainDate } from '../../../shared/dates';
import { getUtility } from '../../../shared/utilities';

const settings = getUtility('santa-margarita-ca')!.outbound;
const today = plainDate('2026-11-17');
const ask = (promisedOn: string, earlierMadeOn: string[] = [], amountCents = 5_000) =>
  decidePromise(settings, { promisedOn: plainDate(promisedOn), amountCents, earlierMadeOn }, today);

describe('a promise to pay within the utility’s settings', () => {
  it('states its limits as settings not gathered, with where to change them', () => {
    expect(settings.promises.maxDaysAhead.days).toBe(14);
    expect(settings.promises.maxPerYear.count).toBe(2);
    expect(settings.promises.maxDaysAhead.source).toMatchObject({
      citation: "not gathered: Tapline's default 14 days ahead",
      utilitySetting: true,
      note: 'set promises.maxDaysAhead in shared/utilities/santa-margarita-ca/outbound.ts',
    });
  });

  it('accepts today and the last day allowed, refuses one day too far and yesterday', () => {
    expect(ask('2026-11-17').accepted).toBe(true);
    expect(ask('2026-12-01').accepted).toBe(true);
    const far = ask('2026-12-02');
    expect(far.accepted).toBe(false);
    if (far.accepted) return;
    expect(far.refusal).toMatchObject({
      id: 'promise-date',
      params: { last: '2026-12-01', days: 14, ahead: 15 },
    });
    expect(ask('2026-11-16').accepted).toBe(false);
  });

  it('refuses one too many in 365 days; a promise made 365 days ago no longer counts', () => {
    expect(ask('2026-11-20', ['2026-03-01']).accepted).toBe(true);
    const third = ask('2026-11-20', ['2026-03-01', '2025-11-18']);
    expect(third.accepted).toBe(false);
    if (!third.accepted)
      expect(third.refusal).toMatchObject({ id: 'promise-count', params: { count: 2, max: 2 } });
    expect(ask('2026-11-20', ['2026-03-01', '2025-11-17']).accepted).toBe(true);
  });

  it('refuses an amount of nothing', () => {
    const none = ask('2026-11-20', [], 0);
    expect(none.accepted).toBe(false);
  });
});

describe('a promise kept or broken by the payments that arrived', () => {
  const promise = {
    id: 'p1',
    madeOn: '2026-11-17',
    promisedOn: '2026-11-24',
    amountCents: 5_000,
    status: 'pending' as const,
  };
  const paid = (paidOn: string, amountCents: number, status = 'posted') => ({
    paidOn,
    amountCents,
    status,
  });

  it('is pending through the promised day, and broken the day after when a cent short', () => {
    const short = [paid('2026-11-20', 2_500), paid('2026-11-24', 2_499)];
    expect(promiseStanding(promise, short, plainDate('2026-11-24'))).toEqual({
      status: 'pending',
      paidCents: 4_999,
      until: '2026-11-24',
    });
    expect(promiseStanding(promise, short, plainDate('2026-11-25'))).toEqual({
      status: 'broken',
      paidCents: 4_999,
      brokenOn: '2026-11-25',
    });
  });

  it('is kept by payments on the last day reaching the amount to the cent; a late or returned one does not count', () => {
    expect(
      promiseStanding(
        promise,
        [paid('2026-11-20', 2_500), paid('2026-11-24', 2_500)],
        plainDate('2026-11-30'),
      ),
    ).toEqual({ status: 'kept', paidCents: 5_000, keptOn: '2026-11-24' });
    expect(
      promiseStanding(promise, [paid('2026-11-25', 5_000)], plainDate('2026-11-30')).status,
    ).toBe('broken');
    expect(
      promiseStanding(promise, [paid('2026-11-20', 5_000, 'returned')], plainDate('2026-11-30'))
        .status,
    ).toBe('broken');
    expect(
      promiseStanding(promise, [paid('2026-11-16', 5_000)], plainDate('2026-11-30')).status,
    ).toBe('broken');
  });

  it('holds a disconnection until the day after the promised day, and no longer once broken', () => {
    const policy = getCollectionPolicy('portland-water-me')!;
    const record = {
      header: {
        utilityId: 'portland-water-me',
        class: 'residential',
        pastDueCents: 20_000,
        pastDueDays: 75,
      },
      customer: { protections: { lifeSupport: false } },
      bills: [],
      premiseBills: [],
      payments: [],
      adjustments: [],
      arrangements: [],
      notices: [
        {
          id: 'n',
          kind: 'disconnection',
          issuedOn: '2026-10-01',
          amountCents: 20_000,
          earliestDisconnection: null,
          status: 'open',
        },
      ],
      enrollments: [],
      cases: [],
      promises: [{ ...promise, madeOn: '2026-11-17', promisedOn: '2026-11-27' }],
    } as unknown as Parameters<typeof disconnectionAccountOf>[1];
    const on = (day: string) => {
      const d = plainDate(day);
      return evaluateDisconnection(policy, disconnectionAccountOf(policy, record, d), d);
    };
    const held = on('2026-11-17');
    expect(held.rules.find((r) => r.id === 'promise-pending')).toMatchObject({
      outcome: 'fail',
      params: { until: '2026-11-27', after: '2026-11-28' },
    });
    expect(held.earliest === null || held.earliest >= '2026-11-28').toBe(true);
    expect(on('2026-11-28').rules.some((r) => r.id === 'promise-pending')).toBe(false);
  });
});
