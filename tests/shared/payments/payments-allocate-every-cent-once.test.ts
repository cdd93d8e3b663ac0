import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AllocationBucket,
  type AllocationLine,
  allocatePayment,
  DEFAULT_ALLOCATION_ORDER,
  openItemsOf,
} from '../../../shared/payments';

const TODAY = '2026-11-17';

/** A bill as the CIS gives it: its charges and its late fee as lines. */
function bill(id: string, dueOn: string, chargeCents: number, lateFeeCents = 0) {
  const lines = [{ code: 'water', amountCents: chargeCents }];
  if (lateFeeCents) lines.push({ code: 'late-fee', amountCents: lateFeeCents });
  return { id, dueOn, totalCents: chargeCents + lateFeeCents, lines };
}

// September's $65.00 past due, October's $70.00 past due with a $5.00 late fee, November's $60.00
// due on 2026-12-10.
const BILLS = [
  bill('9', '2026-10-26', 6_500),
  bill('10', '2026-11-05', 7_000, 500),
  bill('11', '2026-12-10', 6_000),
];
const open = () => openItemsOf(BILLS, [], []).items;
const summary = (lines: AllocationLine[]) => lines.map((l) => [l.bucket, l.itemId, l.cents]);

describe('a payment applied in the stated default order', () => {
  it('pays the oldest past-due charges, then current charges, then fees; a partial payment stops where it runs out', () => {
    expect(summary(allocatePayment(DEFAULT_ALLOCATION_ORDER, open(), 0, 10_000, TODAY))).toEqual([
      ['pastDue', 'bill:9:charge', 6_500],
      ['pastDue', 'bill:10:charge', 3_500],
    ]);
    expect(summary(allocatePayment(DEFAULT_ALLOCATION_ORDER, open(), 0, 19_000, TODAY))).toEqual([
      ['pastDue', 'bill:9:charge', 6_500],
      ['pastDue', 'bill:10:charge', 7_000],
      ['current', 'bill:11:charge', 5_500],
    ]);
  });

  it('pays the arrangement installment due first, up to the installment', () => {
    expect(summary(allocatePayment(DEFAULT_ALLOCATION_ORDER, open(), 5_000, 8_000, TODAY))).toEqual(
      [
        ['installment', 'bill:9:charge', 5_000],
        ['pastDue', 'bill:9:charge', 1_500],
        ['pastDue', 'bill:10:charge', 1_500],
      ],
    );
  });

  it('leaves an overpayment as a credit balance, after the fees', () => {
    expect(summary(allocatePayment(DEFAULT_ALLOCATION_ORDER, open(), 0, 30_000, TODAY))).toEqual([
      ['pastDue', 'bill:9:charge', 6_500],
      ['pastDue', 'bill:10:charge', 7_000],
      ['current', 'bill:11:charge', 6_000],
      ['fees', 'bill:10:fee', 500],
      ['credit', null, 10_000],
    ]);
  });

  it('follows a utility’s own order (fees first)', () => {
    const order: AllocationBucket[] = ['fees', 'pastDue', 'current', 'installment'];
    expect(summary(allocatePayment(order, open(), 0, 1_000, TODAY))).toEqual([
      ['fees', 'bill:10:fee', 500],
      ['pastDue', 'bill:9:charge', 500],
    ]);
  });

  it('opens a returned payment’s charges again, and lets a credit balance pay the next bill', () => {
    const paid = allocatePayment(DEFAULT_ALLOCATION_ORDER, open(), 0, 30_000, TODAY);
    const posted = openItemsOf(
      BILLS,
      [{ status: 'posted', amountCents: 30_000, allocations: paid }],
      [],
    );
    expect(posted.items.every((i) => i.openCents === 0)).toBe(true);
    expect(posted.creditCents).toBe(10_000);
    const next = openItemsOf(
      [...BILLS, bill('12', '2027-01-10', 8_000)],
      [{ status: 'posted', amountCents: 30_000, allocations: paid }],
      [],
    );
    expect(next.items.find((i) => i.id === 'bill:12:charge')?.openCents).toBe(0);
    expect(next.creditCents).toBe(2_000);
    const returned = openItemsOf(
      BILLS,
      [{ status: 'returned', amountCents: 30_000, allocations: paid }],
      [],
    );
    expect(returned.items.map((i) => i.openCents)).toEqual([6_500, 7_000, 500, 6_000]);
    expect(returned.creditCents).toBe(0);
  });

  it('refuses a payment that is not a positive number of cents', () => {
    expect(() => allocatePayment(DEFAULT_ALLOCATION_ORDER, open(), 0, 0, TODAY)).toThrow(
      RangeError,
    );
    expect(() => allocatePayment(DEFAULT_ALLOCATION_ORDER, open(), 0, 10.5, TODAY)).toThrow(
      RangeError,
    );
  });
});

const bucketOrder = fc.shuffledSubarray([...DEFAULT_ALLOCATION_ORDER], {
  minLength: 4,
  maxLength: 4,
}) as fc.Arbitrary<AllocationBucket[]>;
const bills = fc.array(
  fc.record({
    charge: fc.integer({ min: 0, max: 50_000 }),
    fee: fc.integer({ min: 0, max: 2_500 }),
    dueOffset: fc.integer({ min: -120, max: 40 }),
  }),
  { minLength: 0, maxLength: 6 },
);
const steps = fc.array(
  fc.oneof(
    fc.record({
      pay: fc.integer({ min: 1, max: 60_000 }),
      installment: fc.integer({ min: 0, max: 20_000 }),
    }),
    fc.record({ returnIndex: fc.nat() }),
  ),
  { minLength: 1, maxLength: 12 },
);

describe('any sequence of payments and returns', () => {
  it('allocates every cent exactly once, never past what a charge owes, and credits only what nothing owes', () => {
    fc.assert(
      fc.property(bucketOrder, bills, steps, (order, billSpecs, sequence) => {
        const today = new Date(`${TODAY}T00:00:00Z`);
        const ledgerBills = billSpecs.map((b, i) => {
          const due = new Date(today.getTime() + b.dueOffset * 86_400_000)
            .toISOString()
            .slice(0, 10);
          return bill(String(i + 1), due, b.charge, b.fee);
        });
        const billed = ledgerBills.reduce((s, b) => s + b.totalCents, 0);
        const payments: { status: string; amountCents: number; allocations: AllocationLine[] }[] =
          [];
        for (const step of sequence) {
          if ('returnIndex' in step) {
            if (payments.length) payments[step.returnIndex % payments.length].status = 'returned';
          } else {
            const before = openItemsOf(ledgerBills, payments, []);
            const lines = allocatePayment(order, before.items, step.installment, step.pay, TODAY);
            expect(lines.reduce((s, l) => s + l.cents, 0)).toBe(step.pay);
            expect(lines.every((l) => Number.isSafeInteger(l.cents) && l.cents > 0)).toBe(true);
            const taken = new Map<string, number>();
            for (const l of lines)
              if (l.itemId) taken.set(l.itemId, (taken.get(l.itemId) ?? 0) + l.cents);
            for (const item of before.items)
              expect(taken.get(item.id) ?? 0).toBeLessThanOrEqual(item.openCents);
            const credit = lines.find((l) => l.bucket === 'credit')?.cents ?? 0;
            const owedBefore = before.items.reduce((s, i) => s + i.openCents, 0);
            expect(credit).toBe(Math.max(0, step.pay - owedBefore));
            payments.push({ status: 'posted', amountCents: step.pay, allocations: lines });
          }
          const now = openItemsOf(ledgerBills, payments, []);
          const paid = payments
            .filter((p) => p.status === 'posted')
            .reduce((s, p) => s + p.amountCents, 0);
          const owed = now.items.reduce((s, i) => s + i.openCents, 0);
          for (const item of now.items) {
            expect(item.openCents).toBeGreaterThanOrEqual(0);
            expect(item.openCents).toBeLessThanOrEqual(item.amountCents);
          }
          expect(owed - now.creditCents).toBe(billed - paid);
          expect(owed === 0 || now.creditCents === 0).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });
});
