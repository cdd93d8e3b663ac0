import { describe, expect, it } from 'vitest';
import { syntheticRows } from '../../server/seed/synthetic';
import { Temporal } from '../../shared/dates';
import { billTrend, callReasonFor } from '../../shared/telephony';
import { utilityIds } from '../../shared/utilities';
import { seededRandom } from '../support/fake-clock';
import { accountHeader } from '../support/headers';

/**
 * A simulated caller's reason matches the account the seed made: one who calls about a high bill
 * has a latest bill above the average of the bills before it, and a balance to pay. (A trial
 * desk rang a "high bill" caller whose latest bill was lower than the one before.)
 */
describe('a seeded account’s caller', () => {
  it.each(utilityIds)('calls %s about a high bill only when the bills show one', (utilityId) => {
    const today = Temporal.PlainDate.from('2026-03-09');
    const rows = syntheticRows({ utilityId, accounts: 120, seed: 5, today }, 0, 120);
    const billsOf = new Map<string, { periodTo: string; totalCents: number }[]>();
    for (const b of rows.bills) {
      const number = String(b.account_number);
      billsOf.set(number, [
        ...(billsOf.get(number) ?? []),
        { periodTo: String(b.period_to), totalCents: Number(b.total_cents) },
      ]);
    }
    const random = seededRandom(9);
    let highBillCallers = 0;
    for (const a of rows.accounts) {
      const header = accountHeader(String(a.number), {
        utilityId,
        status: a.status as 'active' | 'inactive',
        balanceCents: Number(a.balance_cents),
        pastDueCents: Number(a.past_due_cents),
        pastDueDays: Number(a.past_due_days),
        openNotices: rows.notices.filter((n) => n.account_number === a.number).length,
      });
      const bills = billsOf.get(header.number) ?? [];
      for (let call = 0; call < 20; call++) {
        if (callReasonFor(header, random, billTrend(bills)) !== 'high-bill') continue;
        highBillCallers++;
        const ordered = [...bills].sort((x, y) => x.periodTo.localeCompare(y.periodTo));
        const latest = ordered[ordered.length - 1].totalCents;
        const before = ordered.slice(-13, -1).map((b) => b.totalCents);
        expect(latest, header.number).toBeGreaterThan(
          before.reduce((x, y) => x + y, 0) / before.length,
        );
        expect(header.balanceCents, header.number).toBeGreaterThan(0);
      }
    }
    // The seed's leaks and seasons give the trainee high bills to explain.
    expect(highBillCallers).toBeGreaterThan(0);
  });
});
