import { describe, expect, it } from 'vitest';
import { LATE_FEE_LINE, LATE_FEE_WAIVED_LINE, lateFeeOnBill } from '../../../shared/cis';
import {
  disconnectionFacts,
  getCollectionPolicy,
  householdOnFile,
  lastYearBilledCents,
  lateFeeReversal,
  lateFeeWaiverDates,
} from '../../../shared/collections';
import { plainDate } from '../../../shared/dates';

const marin = getCollectionPolicy('marin-water-ca')!;
const maine = getCollectionPolicy('portland-water-me')!;
const today = plainDate('2026-11-24');
// Household of 4, 2026 guideline $33,000: 200% is $66,000.
const household = (annualIncomeCents: number) => ({ annualIncomeCents, size: 4 });
const ids = (rules: { id: string; outcome: string }[]) => rules.map((r) => `${r.id}:${r.outcome}`);

describe('a late-fee reversal where the SB 998 low-income waiver applies', () => {
  it('is the waiver for a household just below 200% with nothing waived in 12 months, even after a courtesy reversal', () => {
    const d = lateFeeReversal(
      marin,
      {
        lateFeeCents: 2_500,
        previousReversals: [],
        waiver: { household: household(6_599_999), previousWaivers: [] },
      },
      'agent',
      today,
    );
    expect(d).toMatchObject({ allowed: true, amountCents: -2_500, approver: 'agent' });
    expect(ids(d.rules)).toEqual(['late-fee-waiver:pass', 'approval:pass']);
    expect(d.rules[0].params).toMatchObject({ fee: 2_500, limit: 200, months: 12 });
  });

  it('is the courtesy reversal at exactly 200%, refused when one was given in the year', () => {
    const at = lateFeeReversal(
      marin,
      {
        lateFeeCents: 2_500,
        previousReversals: ['2026-03-01'],
        waiver: { household: household(6_600_000), previousWaivers: ['2026-03-01'] },
      },
      'agent',
      today,
    );
    expect(at.allowed).toBe(false);
    expect(ids(at.rules)).toEqual([
      'late-fee-waiver:not-applicable',
      'late-fee-frequency:fail',
      'approval:pass',
    ]);
  });

  it('falls back to the courtesy reversal when a charge was waived on a bill within 12 months', () => {
    // Waived on the bill of 2025-11-25 (a day less than a year): the courtesy decides, and no
    // reversal was given.
    const d = lateFeeReversal(
      marin,
      {
        lateFeeCents: 650,
        previousReversals: [],
        waiver: { household: household(3_000_000), previousWaivers: ['2025-11-25'] },
      },
      'agent',
      today,
    );
    expect(d).toMatchObject({ allowed: true, amountCents: -650 });
    expect(ids(d.rules)).toEqual([
      'late-fee-waiver:fail',
      'late-fee-frequency:pass',
      'approval:pass',
    ]);
    // Waived exactly a year before: a new waiver.
    const year = lateFeeReversal(
      marin,
      {
        lateFeeCents: 650,
        previousReversals: [],
        waiver: { household: household(3_000_000), previousWaivers: ['2025-11-24'] },
      },
      'agent',
      today,
    );
    expect(ids(year.rules)[0]).toBe('late-fee-waiver:pass');
  });

  it('is the courtesy reversal where the household is not known or the policy has no waiver', () => {
    const cases: [
      typeof marin,
      { household?: ReturnType<typeof household>; previousWaivers: string[] } | undefined,
    ][] = [
      [marin, { previousWaivers: [] }],
      [maine, { household: household(1_000_000), previousWaivers: [] }],
      [marin, undefined],
    ];
    for (const [policy, waiver] of cases) {
      const d = lateFeeReversal(
        policy,
        { lateFeeCents: 500, previousReversals: [], waiver },
        'agent',
        today,
      );
      expect(ids(d.rules)).toEqual(['late-fee-frequency:pass', 'approval:pass']);
    }
  });
});

describe('what the waiver and the rules read from the account’s records', () => {
  it('the late charge a bill leaves owing is its late-fee lines less what was waived on it', () => {
    expect(
      lateFeeOnBill([
        { code: 'water', amountCents: 4_000 },
        { code: LATE_FEE_LINE, amountCents: 1_350 },
        { code: LATE_FEE_WAIVED_LINE, amountCents: -650 },
      ]),
    ).toBe(700);
    expect(
      lateFeeOnBill([
        { code: LATE_FEE_LINE, amountCents: 650 },
        { code: LATE_FEE_WAIVED_LINE, amountCents: -650 },
      ]),
    ).toBe(0);
  });

  it('the household on file is the latest active enrolment screened with one', () => {
    expect(
      householdOnFile([
        { status: 'active', enrolledOn: '2025-01-10', household: household(2_000_000) },
        { status: 'ended', enrolledOn: '2026-05-01', household: household(9_000_000) },
        { status: 'active', enrolledOn: '2026-02-01', household: household(2_500_000) },
        { status: 'active', enrolledOn: '2026-06-01', household: null },
      ]),
    ).toEqual(household(2_500_000));
    expect(householdOnFile([{ status: 'active', enrolledOn: '2026-06-01' }])).toBeUndefined();
  });

  it('a waiver is a bill that waived a charge (its date) or a reversal not declined (the day asked)', () => {
    expect(
      lateFeeWaiverDates(
        [
          {
            periodTo: '2026-04-01',
            lines: [{ code: LATE_FEE_LINE }, { code: LATE_FEE_WAIVED_LINE }],
          },
          { periodTo: '2026-05-01', lines: [{ code: LATE_FEE_LINE }] },
        ],
        [
          { kind: 'late-fee-reversal', status: 'posted', createdAt: '2026-06-03T15:00:00.000Z' },
          { kind: 'late-fee-reversal', status: 'declined', createdAt: '2026-07-03T15:00:00.000Z' },
          { kind: 'leak', status: 'posted', createdAt: '2026-08-03T15:00:00.000Z' },
        ],
      ),
    ).toEqual(['2026-04-01', '2026-06-03']);
  });

  it('an oral certification reaches the rules with its written confirmation; one on file in writing does not carry it', () => {
    const base = {
      class: 'residential' as const,
      pastDueCents: 10_000,
      daysPastDue: 70,
      notices: [],
      arrangements: [],
    };
    expect(
      disconnectionFacts({
        ...base,
        medicalCertificate: { certifiedOn: '2026-11-12', writtenConfirmationOn: null },
        lifeSupport: true,
      }),
    ).toMatchObject({
      medical: { reportedOn: '2026-11-12', certified: true, writtenConfirmationOn: null },
      lifeSupport: true,
    });
    const written = disconnectionFacts({
      ...base,
      medicalCertificate: { certifiedOn: '2026-11-12' },
    });
    expect(written.medical).toEqual({ reportedOn: '2026-11-12', certified: true });
    expect('lifeSupport' in written).toBe(false);
  });

  it('budget billing levels the bills read in the 12 months before today', () => {
    expect(
      lastYearBilledCents(
        [
          { periodTo: '2025-11-24', totalCents: 9_999 },
          { periodTo: '2025-11-25', totalCents: 5_000 },
          { periodTo: '2026-11-01', totalCents: 6_001 },
        ],
        today,
      ),
    ).toBe(11_001);
  });
});
