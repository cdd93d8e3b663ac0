import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type BillTrend,
  billTrend,
  callReasonFor,
  HIGH_BILL_RATIO,
  likelyReasons,
} from '../../../shared/telephony';
import { seededRandom } from '../../support/fake-clock';
import { accountHeader } from '../../support/headers';

function draws(
  header: ReturnType<typeof accountHeader>,
  n = 2000,
  trend: BillTrend | null = null,
): Map<string, number> {
  const random = seededRandom(7);
  const counts = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const reason = callReasonFor(header, random, trend);
    counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  return counts;
}

const mostCommon = (counts: Map<string, number>) =>
  [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];

describe('a simulated caller’s reason', () => {
  it('is about the disconnection notice when the account has one', () => {
    const counts = draws(
      accountHeader('PA-1', { openNotices: 1, pastDueCents: 18_000, pastDueDays: 75 }),
    );
    expect(mostCommon(counts)).toBe('disconnection-notice');
    expect([...counts.keys()].sort()).toEqual(
      ['assistance', 'disconnection-notice', 'payment-arrangement'].sort(),
    );
  });

  it('is about paying, or help paying, when the account is past due; help more often for low income', () => {
    const pastDue = accountHeader('PA-2', { pastDueCents: 9_000, pastDueDays: 40 });
    const counts = draws(pastDue);
    expect(mostCommon(counts)).toBe('past-due');
    expect(counts.has('start-service')).toBe(false);
    const lowIncome = draws({ ...pastDue, protections: ['low-income'] });
    expect(lowIncome.get('assistance')!).toBeGreaterThan(2 * counts.get('assistance')!);
  });

  it('is to start service for a closed or inactive account, to stop it when a stop is pending', () => {
    for (const status of ['closed', 'inactive', 'pending-start'] as const)
      expect([...draws(accountHeader('PA-3', { status }), 50).keys()]).toEqual(['start-service']);
    expect([...draws(accountHeader('PA-4', { status: 'pending-stop' }), 50).keys()]).toEqual([
      'stop-service',
    ]);
  });

  it('is one of the everyday questions for a current account, a high bill first of all when its latest bill is one', () => {
    const high = { latestCents: 14_000, usualCents: 6_500 };
    const counts = draws(accountHeader('PA-5'), 2000, high);
    expect(mostCommon(counts)).toBe('high-bill');
    expect([...counts.keys()].sort()).toEqual(
      likelyReasons(accountHeader('PA-5'), high)
        .map(([r]) => r)
        .sort(),
    );
    expect(counts.has('disconnection-notice')).toBe(false);
  });

  it('is never a high bill when the latest bill is not clearly above the usual, nothing is owed, or the bills are not at hand', () => {
    const lower = { latestCents: 5_900, usualCents: 6_500 };
    const aLittleHigher = { latestCents: 7_000, usualCents: 6_500 };
    const paid = { latestCents: 14_000, usualCents: 6_500 };
    expect(draws(accountHeader('PA-6'), 500, lower).has('high-bill')).toBe(false);
    expect(draws(accountHeader('PA-6'), 500, aLittleHigher).has('high-bill')).toBe(false);
    expect(draws(accountHeader('PA-6', { balanceCents: 0 }), 500, paid).has('high-bill')).toBe(
      false,
    );
    expect(draws(accountHeader('PA-6'), 500, null).has('high-bill')).toBe(false);
    const pastDue = accountHeader('PA-7', { pastDueCents: 9_000, pastDueDays: 40 });
    expect(draws(pastDue, 500, lower).has('high-bill')).toBe(false);
  });

  it('is a high bill only for an account whose latest bill is above its previous average, with a balance', () => {
    const bills = fc.array(fc.integer({ min: 0, max: 60_000 }), { minLength: 0, maxLength: 26 });
    const header = fc.record({
      status: fc.constantFrom('active', 'inactive', 'closed', 'pending-stop') as fc.Arbitrary<
        'active' | 'inactive' | 'closed' | 'pending-stop'
      >,
      balanceCents: fc.integer({ min: -5_000, max: 90_000 }),
      pastDueCents: fc.integer({ min: 0, max: 50_000 }),
      openNotices: fc.nat(2),
    });
    fc.assert(
      fc.property(
        header,
        bills,
        fc.double({ min: 0, max: 1, maxExcluded: true }),
        (h, totals, r) => {
          const list = totals.map((totalCents, i) => ({
            periodTo: `${2000 + i}-06-30`,
            totalCents,
          }));
          const reason = callReasonFor(accountHeader('PA-8', h), () => r, billTrend(list));
          if (reason !== 'high-bill') return;
          const ordered = [...list].sort((a, b) => a.periodTo.localeCompare(b.periodTo));
          const latest = ordered[ordered.length - 1].totalCents;
          const before = ordered.slice(-13, -1).map((b) => b.totalCents);
          const average = before.reduce((a, b) => a + b, 0) / before.length;
          expect(latest).toBeGreaterThan(average * HIGH_BILL_RATIO);
          expect(h.balanceCents).toBeGreaterThan(0);
        },
      ),
      { numRuns: 500 },
    );
  });
});
