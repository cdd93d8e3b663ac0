import { describe, expect, it } from 'vitest';
import { Temporal } from '../../../shared/dates';
import {
  cashOnlyUntilOf,
  type PaymentSettings,
  paymentSettings,
  returnedPaymentDecision,
} from '../../../shared/payments';
import { getUtility } from '../../../shared/utilities';

const TODAY = Temporal.PlainDate.from('2026-11-17');

/** Santa Margarita's settings with the utility's own fee set to `first` and `later` cents. */
function california(first: number | null, later: number | null): PaymentSettings {
  const base = getUtility('santa-margarita-ca')!.payments;
  return paymentSettings.parse({
    ...base,
    returnedItemFee: { ...base.returnedItemFee, firstCents: first, laterCents: later },
  });
}
const decide = (s: PaymentSettings, priorReturns: number, stoppedDisconnection = false) =>
  returnedPaymentDecision(s, { priorReturns, method: 'check', stoppedDisconnection }, TODAY);
const outcome = (d: ReturnType<typeof decide>, id: string) =>
  d.rules.find((r) => r.id === id)?.outcome;

describe('a returned item’s fee under California Civil Code §1719(a)(1)', () => {
  it('charges the utility’s own first fee up to $25.00, and $25.00 above it', () => {
    expect(decide(california(2_499, 3_500), 0).feeCents).toBe(2_499);
    expect(decide(california(2_500, 3_500), 0).feeCents).toBe(2_500);
    const over = decide(california(2_501, 3_500), 0);
    expect(over.feeCents).toBe(2_500);
    expect(outcome(over, 'returned-item-fee-cap')).toBe('fail');
    expect(over.rules.find((r) => r.id === 'returned-item-fee-cap')?.citation).toBe(
      'California Civil Code §1719(a)(1)',
    );
  });

  it('charges each later one up to $35.00, and $35.00 above it', () => {
    expect(decide(california(2_500, 3_499), 1).feeCents).toBe(3_499);
    expect(decide(california(2_500, 3_500), 1).feeCents).toBe(3_500);
    expect(decide(california(2_500, 3_501), 1).feeCents).toBe(3_500);
    expect(decide(california(2_500, 5_000), 4).feeCents).toBe(3_500);
    expect(outcome(decide(california(2_500, 3_500), 1), 'returned-item-fee-cap')).toBe('pass');
  });

  it('charges nothing, and says so, where the utility’s fee was not gathered', () => {
    const d = decide(california(null, null), 0);
    expect(d.feeCents).toBe(0);
    expect(outcome(d, 'returned-item-fee')).toBe('not-applicable');
  });

  it('charges a Maine utility its own fee, the Chapter 870 cap being not gathered', () => {
    const maine = getUtility('portland-water-me')!.payments;
    const d = decide(maine, 3);
    expect(d.feeCents).toBe(maine.returnedItemFee.laterCents);
    expect(outcome(d, 'returned-item-fee-cap')).toBe('not-applicable');
    expect(d.rules.find((r) => r.id === 'returned-item-fee-cap')?.citation).toContain(
      'Chapter 870',
    );
  });

  it('takes the disconnection decision again only where the payment had stopped one', () => {
    expect(decide(california(2_500, 3_500), 0, true).reconsiderDisconnection).toBe(true);
    expect(outcome(decide(california(2_500, 3_500), 0, true), 'disconnection-reconsidered')).toBe(
      'pass',
    );
    expect(decide(california(2_500, 3_500), 0, false).reconsiderDisconnection).toBe(false);
  });
});

describe('a cash-only period after returned items', () => {
  const threeIn12 = paymentSettings.parse({
    ...getUtility('santa-margarita-ca')!.payments,
    cashOnly: {
      afterReturns: 2,
      withinMonths: 12,
      forMonths: 12,
      source: { citation: 'test setting', utilitySetting: true },
    },
  });

  it('starts with the return that reaches the count within the window, for the set months', () => {
    const second = returnedPaymentDecision(
      threeIn12,
      {
        priorReturns: 1,
        priorReturnDays: ['2026-03-02'],
        method: 'ach',
        stoppedDisconnection: false,
      },
      TODAY,
    );
    expect(second.cashOnlyUntil).toBe('2027-11-17');
    const first = returnedPaymentDecision(
      threeIn12,
      { priorReturns: 0, priorReturnDays: [], method: 'ach', stoppedDisconnection: false },
      TODAY,
    );
    expect(first.cashOnlyUntil).toBeNull();
  });

  it('does not count a return exactly the window’s length before', () => {
    const d = returnedPaymentDecision(
      threeIn12,
      {
        priorReturns: 1,
        priorReturnDays: ['2025-11-17'],
        method: 'check',
        stoppedDisconnection: false,
      },
      TODAY,
    );
    expect(d.cashOnlyUntil).toBeNull();
  });

  it('is read back from the account’s returns until its last day, and not after', () => {
    const days = ['2026-03-02', '2026-11-17'];
    expect(cashOnlyUntilOf(threeIn12, days, TODAY)).toBe('2027-11-17');
    expect(cashOnlyUntilOf(threeIn12, days, Temporal.PlainDate.from('2027-11-17'))).toBe(
      '2027-11-17',
    );
    expect(cashOnlyUntilOf(threeIn12, days, Temporal.PlainDate.from('2027-11-18'))).toBeNull();
    expect(cashOnlyUntilOf(getUtility('santa-margarita-ca')!.payments, days, TODAY)).toBeNull();
  });
});
