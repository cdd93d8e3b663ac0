import { describe, expect, it } from 'vitest';
import {
  approverFor,
  computeDeposit,
  depositInterest,
  depositRefundDue,
  getCollectionPolicy,
  lateFee,
  lateFeeReversal,
  leakAdjustment,
  percentageAdjustment,
  reconnectionFee,
  returnedPaymentFee,
} from '../../../shared/collections';
import { plainDate } from '../../../shared/dates';

const maine = getCollectionPolicy('portland-water-me')!;
const marin = getCollectionPolicy('marin-water-ca')!;
const phila = getCollectionPolicy('philadelphia-water-pa')!;
const today = plainDate('2026-11-24');

describe('deposits', () => {
  it('asks twice the premise’s average monthly bill', () => {
    const d = computeDeposit(
      marin,
      { class: 'residential', averageMonthlyBillCents: 8_437 },
      today,
    );
    expect([d.amountCents, d.waived]).toEqual([16_874, false]);
  });

  it('takes no residential deposit in Maine without proof of credit risk', () => {
    expect(
      computeDeposit(maine, { class: 'residential', averageMonthlyBillCents: 3_200 }, today),
    ).toMatchObject({ amountCents: 0, waived: true });
    expect(
      computeDeposit(
        maine,
        { class: 'residential', averageMonthlyBillCents: 3_200, disconnectedLast12Months: true },
        today,
      ).amountCents,
    ).toBe(6_400);
    expect(
      computeDeposit(
        maine,
        {
          class: 'residential',
          averageMonthlyBillCents: 3_200,
          disconnectedLast12Months: true,
          protectionFromAbuseOrder: true,
        },
        today,
      ).amountCents,
    ).toBe(0);
  });

  it('waives it for 12 months of on-time payments, not 11', () => {
    expect(
      computeDeposit(
        marin,
        { class: 'residential', averageMonthlyBillCents: 5_000, onTimePaymentMonths: 12 },
        today,
      ).waived,
    ).toBe(true);
    expect(
      computeDeposit(
        marin,
        { class: 'residential', averageMonthlyBillCents: 5_000, onTimePaymentMonths: 11 },
        today,
      ).waived,
    ).toBe(false);
  });

  it('waives it below the policy’s income limit (strictly below)', () => {
    // California waiver below 200%: household of 1 in 2026 is $15,960; 200% is $31,920.
    expect(
      computeDeposit(
        marin,
        {
          class: 'residential',
          averageMonthlyBillCents: 5_000,
          household: { annualIncomeCents: 3_191_999, size: 1 },
        },
        today,
      ).waived,
    ).toBe(true);
    expect(
      computeDeposit(
        marin,
        {
          class: 'residential',
          averageMonthlyBillCents: 5_000,
          household: { annualIncomeCents: 3_192_000, size: 1 },
        },
        today,
      ).waived,
    ).toBe(false);
  });

  it('is refunded after the run of on-time payments, and earns no interest where none is required', () => {
    expect([depositRefundDue(marin, 11), depositRefundDue(marin, 12)]).toEqual([false, true]);
    expect(depositInterest(marin, 16_874, 365)).toBe(0);
  });
});

describe('adjustments and who approves them', () => {
  it('credits 50% of the use above the 12-month average, at the bill’s rate', () => {
    const history = ['10', '12', '11', '9', '10', '12', '11', '10', '9', '10', '12', '10'];
    const d = leakAdjustment(
      maine,
      {
        leakUsage: '46',
        history,
        unit: 'kgal',
        ratePerUnit: '11.80',
        proofOfRepair: true,
        previousLeakAdjustments: [],
      },
      'agent',
      today,
    );
    // Average 10.5; excess 35.5; half is 17.75 units × $11.80 = $209.45.
    expect(d.amountCents).toBe(-20_945);
    expect([d.allowed, d.approver, d.withinRole]).toEqual([true, 'lead', false]);
    expect(
      leakAdjustment(
        maine,
        {
          leakUsage: '46',
          history,
          unit: 'kgal',
          ratePerUnit: '11.80',
          proofOfRepair: true,
          previousLeakAdjustments: [],
        },
        'lead',
        today,
      ).withinRole,
    ).toBe(true);
  });

  it('refuses a second leak credit within 12 months, and one without proof', () => {
    const base = {
      leakUsage: '30',
      history: ['10', '10'],
      unit: 'kgal',
      ratePerUnit: '3.60',
      proofOfRepair: true,
    };
    expect(
      leakAdjustment(maine, { ...base, previousLeakAdjustments: ['2026-01-10'] }, 'agent', today)
        .allowed,
    ).toBe(false);
    expect(
      leakAdjustment(maine, { ...base, previousLeakAdjustments: ['2025-11-24'] }, 'agent', today)
        .allowed,
    ).toBe(true);
    expect(
      leakAdjustment(
        maine,
        { ...base, proofOfRepair: false, previousLeakAdjustments: [] },
        'agent',
        today,
      ).allowed,
    ).toBe(false);
  });

  it('draws the approval lines at the agent’s and the lead’s limits, to the cent', () => {
    expect(approverFor(maine, 10_000)).toBe('agent');
    expect(approverFor(maine, 10_001)).toBe('lead');
    expect(approverFor(maine, 50_000)).toBe('lead');
    expect(approverFor(maine, -50_001)).toBe('manager');
  });

  it('reverses a late fee once a year', () => {
    expect(
      lateFeeReversal(phila, { lateFeeCents: 1_250, previousReversals: [] }, 'agent', today),
    ).toMatchObject({ allowed: true, amountCents: -1_250, approver: 'agent' });
    expect(
      lateFeeReversal(
        phila,
        { lateFeeCents: 1_250, previousReversals: ['2026-06-01'] },
        'agent',
        today,
      ).allowed,
    ).toBe(false);
  });

  it('computes a percentage adjustment to the cent', () => {
    expect(
      percentageAdjustment(phila, { baseCents: 6_915, percent: '25' }, 'agent').amountCents,
    ).toBe(-1_729);
  });
});

describe('fees', () => {
  it('caps California reconnection at $50 / $150 below 200% of poverty, or the actual cost if lower', () => {
    const low = { annualIncomeCents: 2_000_000, size: 2 };
    expect(reconnectionFee(marin, { afterHours: false, household: low }, today).amountCents).toBe(
      5_000,
    );
    expect(reconnectionFee(marin, { afterHours: true, household: low }, today).amountCents).toBe(
      15_000,
    );
    expect(
      reconnectionFee(marin, { afterHours: false, household: low, actualCostCents: 3_800 }, today)
        .amountCents,
    ).toBe(3_800);
    expect(reconnectionFee(marin, { afterHours: true }, today).amountCents).toBe(20_000);
    // Exactly 200% (household of 2: $43,280) is not below: the standard fee.
    expect(
      reconnectionFee(
        marin,
        { afterHours: false, household: { annualIncomeCents: 4_328_000, size: 2 } },
        today,
      ).amountCents,
    ).toBe(7_500);
  });

  it('charges 10%, at least $3, at most $30 after 30 days (California setting)', () => {
    expect(lateFee(marin, 2_000, 30).amountCents).toBe(0);
    expect(lateFee(marin, 2_000, 31).amountCents).toBe(300);
    expect(lateFee(marin, 12_345, 31).amountCents).toBe(1_235);
    expect(lateFee(marin, 90_000, 31).amountCents).toBe(3_000);
  });

  it('charges Maine interest from day 26 on', () => {
    expect(lateFee(maine, 100_000, 25).amountCents).toBe(0);
    // 8% a year on $1,000 for 10 days: $2.19.
    expect(lateFee(maine, 100_000, 35).amountCents).toBe(219);
    expect(returnedPaymentFee(maine).amountCents).toBe(2_500);
  });
});
