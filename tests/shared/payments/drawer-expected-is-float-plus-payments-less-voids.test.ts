import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  balanceDrawer,
  cashCountedCents,
  DENOMINATIONS,
  DRAWER_TENDERS,
  type DrawerEntry,
  type DrawerTender,
  depositSlip,
  expectedByTender,
  needsSignOff,
} from '../../../shared/payments';

type Event = { kind: 'pay'; tender: DrawerTender; cents: number } | { kind: 'void'; pick: number };

const event: fc.Arbitrary<Event> = fc.oneof(
  fc.record({
    kind: fc.constant('pay' as const),
    tender: fc.constantFrom(...DRAWER_TENDERS),
    cents: fc.integer({ min: 1, max: 100_000_000 }),
  }),
  fc.record({ kind: fc.constant('void' as const), pick: fc.nat() }),
);

describe('a drawer expects its float plus the payments taken less those voided, per tender', () => {
  it('holds for any sequence of payments and voids, to the cent', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.array(event, { maxLength: 60 }),
        (floatCents, events) => {
          const entries: DrawerEntry[] = [];
          const paid: Record<DrawerTender, number> = {
            cash: 0,
            check: 0,
            'money-order': 0,
            card: 0,
          };
          const voided: Record<DrawerTender, number> = {
            cash: 0,
            check: 0,
            'money-order': 0,
            card: 0,
          };
          for (const e of events) {
            if (e.kind === 'pay') {
              entries.push({
                receiptNumber: `SM-${String(entries.length + 1).padStart(8, '0')}`,
                accountNumber: 'SM-1',
                tender: e.tender,
                amountCents: e.cents,
                detail: {},
                voided: false,
              });
              paid[e.tender] += e.cents;
            } else {
              const live = entries.filter((x) => !x.voided);
              if (live.length === 0) continue;
              const target = live[e.pick % live.length];
              target.voided = true;
              voided[target.tender] += target.amountCents;
            }
          }
          const expected = expectedByTender(floatCents, entries);
          for (const t of DRAWER_TENDERS)
            expect(expected[t]).toBe((t === 'cash' ? floatCents : 0) + paid[t] - voided[t]);
          // Counted exactly: nothing over or short; a cent off in one tender is a cent off in total.
          expect(balanceDrawer(expected, expected).overShortCents).toBe(0);
          const short = { ...expected, cash: expected.cash - 1 };
          const b = balanceDrawer(expected, short);
          expect([b.overShortCents, b.differenceCents]).toEqual([-1, 1]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('counts cash by denomination to the cent and deposits it less the float', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 500 }), {
          minLength: DENOMINATIONS.length,
          maxLength: DENOMINATIONS.length,
        }),
        fc.integer({ min: 0, max: 50_000 }),
        (counts, floatCents) => {
          const cash = DENOMINATIONS.map((d, i) => ({ denominationCents: d, count: counts[i] }));
          const total = DENOMINATIONS.reduce((s, d, i) => s + d * counts[i], 0);
          expect(cashCountedCents(cash)).toBe(total);
          const zeroBalance = balanceDrawer(
            { cash: 0, check: 0, 'money-order': 0, card: 0 },
            { cash: 0, check: 0, 'money-order': 0, card: 0 },
          );
          const slip = depositSlip('santa-margarita-ca', '2026-11-17', [
            {
              drawerId: 'SM-20261117-01',
              cashier: 'u-agent',
              floatCents,
              count: { cash, checks: [], moneyOrders: [] },
              balance: zeroBalance,
              reason: null,
              signedOffBy: null,
            },
          ]);
          expect(slip.cashCountedCents).toBe(total);
          expect(slip.cashDepositCents + slip.floatsRetainedCents).toBe(total);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('asks a lead above the threshold, and for any difference where it is not gathered', () => {
    expect(needsSignOff(0, null)).toBe(false);
    expect(needsSignOff(1, null)).toBe(true);
    expect(needsSignOff(499, 500)).toBe(false);
    expect(needsSignOff(500, 500)).toBe(false);
    expect(needsSignOff(501, 500)).toBe(true);
    expect(needsSignOff(1, 0)).toBe(true);
  });
});
