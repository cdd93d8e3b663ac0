import { describe, expect, it } from 'vitest';
import { callReasonFor, likelyReasons } from '../../../shared/telephony';
import { seededRandom } from '../../support/fake-clock';
import { accountHeader } from '../../support/headers';

function draws(header: ReturnType<typeof accountHeader>, n = 2000): Map<string, number> {
  const random = seededRandom(7);
  const counts = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const reason = callReasonFor(header, random);
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

  it('is one of the everyday questions for a current account, a high bill first of all', () => {
    const counts = draws(accountHeader('PA-5'));
    expect(mostCommon(counts)).toBe('high-bill');
    expect([...counts.keys()].sort()).toEqual(
      likelyReasons(accountHeader('PA-5'))
        .map(([r]) => r)
        .sort(),
    );
    expect(counts.has('disconnection-notice')).toBe(false);
  });
});
