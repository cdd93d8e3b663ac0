import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AccountDetail, Bill } from '../../../shared/cis';
import {
  type AccountRecord,
  adjustmentDays,
  adjustmentOf,
  arrangementsToday,
  certificateInForce,
  depositOf,
  disconnectionAccountOf,
  getCollectionPolicy,
  lateFeeWaiverOf,
  moveApprover,
  paymentHistoryMonths,
  premiseAverageMonthlyBillCents,
  usageBefore,
} from '../../../shared/collections';
import { Temporal } from '../../../shared/dates';

const smwd = getCollectionPolicy('santa-margarita-ca')!;
const day = (iso: string) => Temporal.PlainDate.from(iso);

/** A month of 10 CCF at $4.00 and a $25.00 charge: $65.00, due 25 days after its period. */
function bill(periodTo: string, usage = '10', extra: Bill['lines'] = []): Bill {
  const to = day(periodTo);
  const water = Math.round(Number(usage) * 400);
  const lines: Bill['lines'] = [
    {
      code: 'service',
      descriptionKey: 'lines.customerCharge',
      quantity: '1',
      unit: 'period',
      rate: '25.00',
      amountCents: 2_500,
      params: {},
    },
    {
      code: 'water',
      descriptionKey: 'lines.water',
      quantity: usage,
      unit: 'ccf',
      rate: '4.00',
      amountCents: water,
      tier: 1,
      params: {},
    },
    ...extra,
  ];
  return {
    id: `b-${periodTo}`,
    periodFrom: to.subtract({ months: 1 }).toString(),
    periodTo,
    usage,
    unit: 'ccf',
    estimated: false,
    totalCents: lines.reduce((s, l) => s + l.amountCents, 0),
    dueOn: to.add({ days: 25 }).toString(),
    lines,
  };
}

/** An account 75 days past due with the parts of its detail the rules weigh. */
function record(o: Partial<AccountRecord> = {}): AccountRecord {
  return {
    header: {
      number: 'SM-1000001',
      utilityId: 'santa-margarita-ca',
      name: 'Ana Ruiz',
      phones: [],
      serviceAddress: '9 Elm St, Rancho Santa Margarita',
      municipality: 'Rancho Santa Margarita',
      status: 'active',
      class: 'residential',
      balanceCents: 13_000,
      pastDueCents: 13_000,
      pastDueDays: 75,
      language: 'en',
      protections: [],
      activeArrangement: false,
      openNotices: 1,
      version: 1,
    },
    customer: {
      id: 'c1',
      name: 'Ana Ruiz',
      preferredLanguage: 'en',
      phones: [],
      emails: [],
      mailingAddress: { line1: '9 Elm St', city: 'RSM', state: 'CA', zip: '92688' },
      protections: {
        medicalCertificate: null,
        lifeSupport: false,
        lowIncome: false,
        bankruptcy: false,
      },
    },
    bills: [],
    premiseBills: [],
    payments: [],
    adjustments: [],
    arrangements: [],
    notices: [
      {
        id: 'n1',
        kind: 'disconnection',
        issuedOn: '2026-09-15',
        amountCents: 13_000,
        earliestDisconnection: null,
        status: 'open',
      },
    ],
    enrollments: [],
    cases: [],
    ...o,
  };
}

const plan = (createdOn: string, dues: string[], status: 'active' | 'broken' = 'active') => ({
  id: 'a1',
  kind: 'equal',
  status,
  createdOn,
  downPaymentCents: 0,
  totalCents: dues.length * 6_500,
  installments: dues.map((due, i) => ({ number: i + 1, due, amountCents: 6_500 })),
});
const payment = (
  paidOn: string,
  amountCents: number,
  status: 'posted' | 'returned' = 'posted',
): AccountDetail['payments'][number] => ({
  id: `p-${paidOn}-${amountCents}`,
  paidOn,
  amountCents,
  tender: 'ach',
  status,
});

describe('an account’s facts, as the desk and the server both build them', () => {
  it('keeps an active plan in good standing through the last day of the 60 days’ grace, and breaks it the day after', () => {
    const r = record({ arrangements: [plan('2026-08-20', ['2026-08-28', '2026-09-28'])] });
    expect(disconnectionAccountOf(smwd, r, day('2026-10-27')).arrangement).toBe('good');
    expect(disconnectionAccountOf(smwd, r, day('2026-10-28')).arrangement).toBe('broken');
  });

  it('counts posted payments made since the plan toward it, not a returned one nor one before it', () => {
    const dues = ['2026-08-28', '2026-09-28'];
    const today = day('2026-10-28');
    const standing = (payments: AccountRecord['payments']) =>
      arrangementsToday(smwd, { arrangements: [plan('2026-08-20', dues)], payments }, today)[0]
        .status;
    expect(standing([payment('2026-08-28', 6_500)])).toBe('active');
    expect(standing([payment('2026-08-28', 6_500, 'returned')])).toBe('broken');
    expect(standing([payment('2026-08-19', 6_500)])).toBe('broken');
    // Both installments paid: completed, which protects no more.
    const paid = [payment('2026-08-28', 6_500), payment('2026-09-28', 6_500)];
    expect(standing(paid)).toBe('completed');
    expect(
      disconnectionAccountOf(
        smwd,
        record({ arrangements: [plan('2026-08-20', dues)], payments: paid }),
        today,
      ).arrangement,
    ).toBe('none');
    // A stored status other than active is the record's word.
    expect(
      arrangementsToday(
        smwd,
        { arrangements: [plan('2026-08-20', dues, 'broken')], payments: paid },
        today,
      ),
    ).toEqual([{ status: 'broken', createdOn: '2026-08-20' }]);
  });

  it('keeps a medical certificate through its last day and drops it the day after; no end date keeps it', () => {
    const protections = {
      medicalCertificate: { certifiedOn: '2026-07-01', expiresOn: '2026-10-27' },
      lifeSupport: true,
      lowIncome: false,
      bankruptcy: false,
    };
    expect(certificateInForce(protections, day('2026-10-27'))).toEqual(
      protections.medicalCertificate,
    );
    expect(certificateInForce(protections, day('2026-10-28'))).toBeNull();
    const open = {
      ...protections,
      medicalCertificate: { certifiedOn: '2026-07-01', expiresOn: null },
    };
    expect(certificateInForce(open, day('2036-01-01'))).toEqual(open.medicalCertificate);
    const r = record({ customer: { ...record().customer, protections } });
    expect(disconnectionAccountOf(smwd, r, day('2026-10-27'))).toMatchObject({
      medical: { reportedOn: '2026-07-01', certified: true },
      lifeSupport: true,
      noticeServed: '2026-09-15',
    });
    expect(disconnectionAccountOf(smwd, r, day('2026-10-28')).medical).toBeNull();
  });

  it('says nothing of life support where the record does not (an import written without it)', () => {
    const imported = record();
    delete (imported.customer.protections as Partial<typeof imported.customer.protections>)
      .lifeSupport;
    expect('lifeSupport' in disconnectionAccountOf(smwd, imported, day('2026-10-27'))).toBe(false);
  });

  it('weighs the household on file and every waived or reversed late charge, not a declined one', () => {
    const waived = bill('2025-11-01', '10', [
      {
        code: 'late-fee-waived',
        descriptionKey: 'lines.lateFeeWaived',
        quantity: '1',
        unit: 'bill',
        rate: '-6.50',
        amountCents: -650,
        params: {},
      },
    ]);
    const adjustment = (createdAt: string, status: 'posted' | 'pending' | 'declined') => ({
      id: `adj-${createdAt}`,
      kind: 'late-fee-reversal' as const,
      amountCents: -650,
      status,
      reason: 'courtesy',
      approver: 'agent' as const,
      requestedBy: 'u1',
      decidedBy: null,
      decisionReason: null,
      createdAt,
      decidedAt: null,
      billId: null,
    });
    const r = record({
      bills: [waived],
      adjustments: [
        adjustment('2026-03-02T18:00:00.000Z', 'posted'),
        adjustment('2026-05-02T18:00:00.000Z', 'declined'),
      ],
      enrollments: [
        {
          id: 'e1',
          program: 'sb998-low-income',
          enrolledOn: '2026-01-10',
          status: 'active',
          household: { size: 4, annualIncomeCents: 4_950_000 },
        },
        { id: 'e0', program: 'old', enrolledOn: '2025-01-10', status: 'ended', household: null },
      ],
    });
    expect(lateFeeWaiverOf(r)).toEqual({
      household: { size: 4, annualIncomeCents: 4_950_000 },
      previousWaivers: ['2025-11-01', '2026-03-02'],
    });
    expect(adjustmentDays(r, 'late-fee-reversal')).toEqual(['2026-03-02']);
    expect(lateFeeWaiverOf(record())).toEqual({ previousWaivers: [] });
  });

  it('computes a leak credit on the use above the months before the bill, whatever order the bills come in', () => {
    const months = ['2026-05-01', '2026-06-01', '2026-07-01', '2026-08-01', '2026-09-01'];
    const bills = months.map((m, i) => bill(m, i === months.length - 1 ? '30' : String(8 + i)));
    const leak = bills.at(-1)!;
    // 8, 9, 10, 11 CCF before: 9.5 on average; 20.5 above it, half credited at $4.00: $41.00.
    expect(usageBefore(bills, leak, 12)).toEqual(['8', '9', '10', '11']);
    expect(usageBefore(bills, leak, 2)).toEqual(['10', '11']);
    const credit = (order: Bill[]) =>
      adjustmentOf(
        smwd,
        record({ bills: order }),
        leak,
        { kind: 'leak', proofOfRepair: true },
        'agent',
        day('2026-10-01'),
      );
    expect(credit(bills).decision).toMatchObject({ allowed: true, amountCents: -4_100 });
    expect(credit(bills).basis).toEqual({
      billId: 'b-2026-09-01',
      leakUsage: '30',
      history: ['8', '9', '10', '11'],
      ratePerUnit: '4',
      proofOfRepair: true,
    });
    fc.assert(
      fc.property(fc.shuffledSubarray(bills, { minLength: bills.length }), (shuffled) => {
        expect(credit(shuffled)).toEqual(credit(bills));
      }),
    );
  });

  it('averages a deposit over every bill at the premise in the last year, an earlier holder’s too', () => {
    const own = ['2026-09-01', '2026-10-01'].map((m) => bill(m, '5'));
    const earlier = ['2025-11-01', '2025-12-01', '2026-08-01'].map((m) => {
      const b = bill(m, '20');
      return { periodFrom: b.periodFrom, periodTo: b.periodTo, totalCents: b.totalCents };
    });
    const today = day('2026-10-20');
    const alone = premiseAverageMonthlyBillCents({ bills: own, premiseBills: [] }, today);
    const together = premiseAverageMonthlyBillCents({ bills: own, premiseBills: earlier }, today);
    expect(together).toBeGreaterThan(alone);
    // 2 × $45.00 + 3 × $105.00 over the days of five months, a month being 365 / 12 days.
    const days = [...own, ...earlier].reduce(
      (s, b) => s + day(b.periodFrom).until(day(b.periodTo)).days,
      0,
    );
    expect(together).toBe(Math.round(((2 * 4_500 + 3 * 10_500) * 365) / 12 / days));
    const deposit = depositOf(
      smwd,
      { bills: own, premiseBills: earlier },
      { class: 'residential', facts: {} },
      today,
    );
    expect(deposit.amountCents).toBe(2 * together);
    // The customer's own record decides over what was said on the call.
    const history = paymentHistoryMonths(
      {
        bills: own,
        payments: own.map((b) => payment(b.dueOn, b.totalCents)),
      },
      undefined,
      day('2026-11-01'),
    );
    expect(history).toBe(2);
    expect(
      depositOf(
        smwd,
        { bills: own, premiseBills: earlier },
        { class: 'residential', facts: { onTimePaymentMonths: 24 }, onTimePaymentMonths: history },
        today,
      ).waived,
    ).toBe(false);
  });

  it('gives the same disconnection facts whatever order the record lists its rows in', () => {
    const r = record({
      arrangements: [
        plan('2026-01-05', ['2026-02-01'], 'broken'),
        plan('2026-08-20', ['2026-08-28', '2026-09-28']),
      ],
      payments: [
        payment('2026-08-28', 3_000),
        payment('2026-09-01', 3_500),
        payment('2026-01-20', 100),
      ],
      notices: [
        { ...record().notices[0], id: 'n0', issuedOn: '2026-06-01', status: 'closed' },
        record().notices[0],
      ],
    });
    const today = day('2026-10-28');
    const facts = disconnectionAccountOf(smwd, r, today);
    expect(facts).toMatchObject({ arrangement: 'good', noticeServed: '2026-09-15' });
    fc.assert(
      fc.property(
        fc.shuffledSubarray(r.arrangements, { minLength: 2 }),
        fc.shuffledSubarray(r.payments, { minLength: 3 }),
        fc.shuffledSubarray(r.notices, { minLength: 2 }),
        (arrangements, payments, notices) => {
          expect(
            disconnectionAccountOf(smwd, { ...r, arrangements, payments, notices }, today),
          ).toEqual(facts);
        },
      ),
    );
  });
});

describe('approval limits as totals', () => {
  const today = day('2026-11-17');
  const limits = smwd.adjustments.approvalLimits;
  /** A $400.00 bill: 93.75 CCF at $4.00 and the $25.00 charge. */
  const big = bill('2026-10-31', '93.75');

  /** Applies an ask as the server would: posted within the asker's role, waiting otherwise. */
  function apply(r: AccountRecord, percent: string, role: 'agent' | 'lead', n: number) {
    const { decision } = adjustmentOf(smwd, r, big, { kind: 'percentage', percent }, role, today);
    if (!decision.allowed) return { r, decision };
    const status = decision.withinRole ? ('posted' as const) : ('pending' as const);
    const adjustment = {
      id: `a${n}`,
      kind: 'percentage' as const,
      amountCents: decision.amountCents,
      status,
      reason: 'courtesy',
      approver: decision.approver,
      requestedBy: role,
      decidedBy: null,
      decisionReason: null,
      createdAt: `${today.toString()}T15:00:00.000Z`,
      decidedAt: null,
      billId: big.id,
    };
    return { r: { ...r, adjustments: [...r.adjustments, adjustment] }, decision };
  }

  it('weighs four credits of 85% of one bill as what they add up to, and never credits more than the bill', () => {
    let r = record({ bills: [big] });
    const outcomes: string[] = [];
    for (let n = 0; n < 4; n++) {
      const step = apply(r, '85', 'agent', n);
      r = step.r;
      outcomes.push(step.decision.allowed ? step.decision.approver : 'refused');
    }
    // 85% of $400.00 is $340.00: above the agent's $100.00 at once; the second would credit
    // $680.00 of a $400.00 bill.
    expect(outcomes).toEqual(['lead', 'refused', 'refused', 'refused']);
    const refused = apply(r, '85', 'agent', 9).decision;
    expect(refused.rules.find((rule) => rule.id === 'bill-credit-cap')).toMatchObject({
      id: 'bill-credit-cap',
      outcome: 'fail',
      params: { amount: 34_000, credited: 34_000, billTotal: 40_000 },
    });
  });

  it('weighs two hundred credits of 1% as one: the agent posts them only up to the agent’s limit', () => {
    let r = record({ bills: [big] });
    for (let n = 0; n < 200; n++) r = apply(r, '1', 'agent', n).r;
    const posted = r.adjustments.filter((a) => a.status === 'posted');
    expect(posted.reduce((s, a) => s - a.amountCents, 0)).toBeLessThanOrEqual(
      limits.agentUpToCents,
    );
    expect(r.adjustments.filter((a) => a.status === 'pending').length).toBeGreaterThan(0);
  });

  it('lets no sequence of credits by agents and leads get more past a limit than one command could', () => {
    const ask = fc.record({
      percent: fc.constantFrom('1', '5', '10', '24.99', '25', '50', '85', '100'),
      role: fc.constantFrom('agent' as const, 'lead' as const),
    });
    fc.assert(
      fc.property(fc.array(ask, { maxLength: 40 }), (asks) => {
        let r = record({ bills: [big] });
        asks.forEach((a, n) => {
          r = apply(r, a.percent, a.role, n).r;
        });
        const live = r.adjustments.filter((a) => a.status !== 'declined');
        const total = live.reduce((s, a) => s - a.amountCents, 0);
        const postedBy = (role: string) =>
          live
            .filter((a) => a.status === 'posted' && a.requestedBy === role)
            .reduce((s, a) => s - a.amountCents, 0);
        // The bill is never credited more than it billed, waiting credits included.
        expect(total).toBeLessThanOrEqual(big.totalCents);
        // What an agent posted alone adds up to the agent's limit at most; a lead's to a lead's.
        expect(postedBy('agent')).toBeLessThanOrEqual(limits.agentUpToCents);
        expect(postedBy('agent') + postedBy('lead')).toBeLessThanOrEqual(limits.leadUpToCents);
      }),
      { numRuns: 300 },
    );
  });

  it('lets no user get more past their limit across many accounts: credits and declines in any order, days apart', () => {
    const users = [
      { id: 'agent-1', role: 'agent' as const },
      { id: 'agent-2', role: 'agent' as const },
      { id: 'lead-1', role: 'lead' as const },
    ];
    const ask = fc.record({
      account: fc.integer({ min: 0, max: 5 }),
      user: fc.constantFrom(...users),
      percent: fc.constantFrom('1', '5', '10', '24.99', '25', '50', '85', '100'),
      // A lead declines the oldest waiting credit instead, now and then.
      decline: fc.boolean(),
      // Days before today (the window is 30): older credits weigh nothing.
      daysAgo: fc.integer({ min: 0, max: 45 }),
    });
    const days = limits.totalsWindowDays ?? 30;
    fc.assert(
      fc.property(fc.array(ask, { maxLength: 60 }), (drawn) => {
        // Time runs forward: the asks in the order of their days, oldest first.
        const asks = [...drawn].sort((x, y) => y.daysAgo - x.daysAgo);
        const records = Array.from({ length: 6 }, (_, i) =>
          record({ header: { ...record().header, number: `SM-10000${i}` }, bills: [big] }),
        );
        const all = () => records.flatMap((r) => r.adjustments);
        asks.forEach((a, n) => {
          const on = a.daysAgo > 0 ? today.subtract({ days: a.daysAgo }) : today;
          const inWindow = (iso: string) =>
            iso.slice(0, 10) > on.subtract({ days }).toString() &&
            iso.slice(0, 10) <= on.toString();
          if (a.decline) {
            const waiting = all().find((x) => x.status === 'pending');
            if (waiting) waiting.status = 'declined';
            return;
          }
          // What this user posted alone within the window, on every account: the server's count.
          const mine = all()
            .filter(
              (x) => x.requestedBy === a.user.id && x.status === 'posted' && x.decidedBy === null,
            )
            .filter((x) => x.amountCents < 0 && inWindow(x.createdAt))
            .reduce((sum, x) => sum - x.amountCents, 0);
          const r = records[a.account];
          const { decision } = adjustmentOf(
            smwd,
            r,
            big,
            { kind: 'percentage', percent: a.percent },
            a.user.role,
            on,
            mine,
          );
          if (!decision.allowed) return;
          r.adjustments.push({
            id: `a${n}`,
            kind: 'percentage',
            amountCents: decision.amountCents,
            status: decision.withinRole ? 'posted' : 'pending',
            reason: 'courtesy',
            approver: decision.approver,
            requestedBy: a.user.id,
            decidedBy: null,
            decisionReason: null,
            createdAt: `${on.toString()}T15:00:00.000Z`,
            decidedAt: null,
            billId: big.id,
          });
        });
        // In any window of the policy's days, what one user posted alone is at most their limit,
        // what one command could post: a lead's limit for a lead, an agent's for an agent.
        for (const u of users) {
          const limit = u.role === 'agent' ? limits.agentUpToCents : limits.leadUpToCents;
          const posted = all().filter((x) => x.requestedBy === u.id && x.status === 'posted');
          for (let back = 0; back <= 45; back++) {
            const end = today.subtract({ days: back });
            const start = end.subtract({ days }).toString();
            const windowTotal = posted
              .filter(
                (x) =>
                  x.createdAt.slice(0, 10) > start && x.createdAt.slice(0, 10) <= end.toString(),
              )
              .reduce((sum, x) => sum - x.amountCents, 0);
            expect(windowTotal, `${u.id} in the ${days} days to ${end}`).toBeLessThanOrEqual(limit);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('lets no sequence of credits, refunds, reversals, transfers and write-offs get more past a limit than one command could', () => {
    const users = [
      { id: 'agent-1', role: 'agent' as const },
      { id: 'agent-2', role: 'agent' as const },
      { id: 'lead-1', role: 'lead' as const },
    ];
    const ask = fc.record({
      kind: fc.constantFrom('credit', 'refund', 'reversal', 'transfer', 'write-off'),
      account: fc.integer({ min: 0, max: 3 }),
      user: fc.constantFrom(...users),
      percent: fc.constantFrom('1', '10', '25', '50'),
      cents: fc.constantFrom(1, 999, 5_000, 9_999, 10_000, 10_001, 25_000, 49_999, 50_000, 50_001),
      daysAgo: fc.integer({ min: 0, max: 45 }),
    });
    const days = limits.totalsWindowDays ?? 30;
    /** A move made on someone's authority: who, on which account, how much, which day. */
    interface Move {
      by: string;
      account: number;
      cents: number;
      on: string;
      ownAuthority: boolean;
      credit: boolean;
    }
    fc.assert(
      fc.property(fc.array(ask, { maxLength: 60 }), (drawn) => {
        const asks = [...drawn].sort((x, y) => y.daysAgo - x.daysAgo);
        const records = Array.from({ length: 4 }, (_, i) =>
          record({ header: { ...record().header, number: `SM-20000${i}` }, bills: [big] }),
        );
        const moves: Move[] = [];
        asks.forEach((a, n) => {
          const on = today.subtract({ days: a.daysAgo });
          const inWindow = (iso: string) =>
            iso > on.subtract({ days }).toString() && iso <= on.toString();
          const mine = moves
            .filter((m) => m.by === a.user.id && m.ownAuthority && inWindow(m.on))
            .reduce((sum, m) => sum + m.cents, 0);
          // Credits are in the account's record; the other moves are counted beside them.
          const onAccountNotCredits = moves
            .filter((m) => m.account === a.account && !m.credit && inWindow(m.on))
            .reduce((sum, m) => sum + m.cents, 0);
          if (a.kind === 'credit') {
            const r = records[a.account];
            const { decision } = adjustmentOf(
              smwd,
              r,
              big,
              { kind: 'percentage', percent: a.percent },
              a.user.role,
              on,
              mine,
              onAccountNotCredits,
            );
            if (!decision.allowed) return;
            r.adjustments.push({
              id: `a${n}`,
              kind: 'percentage',
              amountCents: decision.amountCents,
              status: decision.withinRole ? 'posted' : 'pending',
              reason: 'courtesy',
              approver: decision.approver,
              requestedBy: a.user.id,
              decidedBy: null,
              decisionReason: null,
              createdAt: `${on.toString()}T15:00:00.000Z`,
              decidedAt: null,
              billId: big.id,
            });
            if (decision.withinRole)
              moves.push({
                by: a.user.id,
                account: a.account,
                cents: -decision.amountCents,
                on: on.toString(),
                ownAuthority: true,
                credit: true,
              });
            return;
          }
          const credited = records[a.account].adjustments
            .filter((x) => x.status !== 'declined' && inWindow(x.createdAt.slice(0, 10)))
            .reduce((sum, x) => sum - x.amountCents, 0);
          const decision = moveApprover(
            smwd,
            a.cents,
            mine,
            onAccountNotCredits + credited,
            a.user.role,
          );
          // Above the asker's reach a move is refused (a refund waits): nothing moves.
          if (!decision.withinRole) return;
          moves.push({
            by: a.user.id,
            account: a.account,
            cents: a.cents,
            on: on.toString(),
            ownAuthority: true,
            credit: false,
          });
        });
        // In any window of the policy's days, what one user moved on their own authority, by
        // every kind of move together, is at most what one command of theirs could move.
        for (const u of users) {
          const limit = u.role === 'agent' ? limits.agentUpToCents : limits.leadUpToCents;
          for (let back = 0; back <= 45; back++) {
            const end = today.subtract({ days: back });
            const start = end.subtract({ days }).toString();
            const total = moves
              .filter((m) => m.by === u.id && m.on > start && m.on <= end.toString())
              .reduce((sum, m) => sum + m.cents, 0);
            expect(total, `${u.id} in the ${days} days to ${end}`).toBeLessThanOrEqual(limit);
          }
        }
        // And on one account, whoever moved it: at most a lead's limit without a manager.
        for (let account = 0; account < 4; account++) {
          for (let back = 0; back <= 45; back++) {
            const end = today.subtract({ days: back });
            const start = end.subtract({ days }).toString();
            const total = moves
              .filter((m) => m.account === account && m.on > start && m.on <= end.toString())
              .reduce((sum, m) => sum + m.cents, 0);
            expect(total).toBeLessThanOrEqual(limits.leadUpToCents);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
