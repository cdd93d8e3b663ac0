import { describe, expect, it } from 'vitest';
import {
  type DisconnectionAccount,
  disconnectionNotice,
  disconnectionNoticeBothLanguages,
  evaluateDisconnection,
  getCollectionPolicy,
  loadPolicy,
  PolicyError,
} from '../../../shared/collections';
import { plainDate } from '../../../shared/dates';
import { formatMoney } from '../../../shared/i18n/format';

const maine = getCollectionPolicy('portland-water-me')!;
const smwd = getCollectionPolicy('santa-margarita-ca')!;
const phila = getCollectionPolicy('philadelphia-water-pa')!;
const rule = (d: ReturnType<typeof evaluateDisconnection>, id: string) =>
  d.rules.find((r) => r.id === id);

// Tuesday 2026-11-17: a business day in both states, no holiday around.
const tuesday = plainDate('2026-11-17');
const ca = (over: Partial<DisconnectionAccount> = {}): DisconnectionAccount => ({
  class: 'residential',
  pastDueCents: 25_000,
  daysPastDue: 75,
  noticeServed: '2026-11-02',
  arrangement: 'none',
  ...over,
});

describe('California SB 998', () => {
  it('refuses on the 59th day past due and allows on the 60th', () => {
    const day59 = evaluateDisconnection(smwd, ca({ daysPastDue: 59 }), tuesday);
    expect(day59.allowed).toBe(false);
    expect(rule(day59, 'days-past-due')?.outcome).toBe('fail');
    expect(day59.earliest).toBe('2026-11-18');
    const day60 = evaluateDisconnection(smwd, ca({ daysPastDue: 60 }), tuesday);
    expect(rule(day60, 'days-past-due')?.outcome).toBe('pass');
    expect(day60.allowed).toBe(true);
    expect(evaluateDisconnection(smwd, ca({ daysPastDue: 61 }), tuesday).allowed).toBe(true);
  });

  it('needs contact 7 business days ahead, skipping holidays (Veterans Day)', () => {
    // Served Mon 2026-11-09; Wed 11 is Veterans Day: 7 business days end Thu 2026-11-19.
    const d = evaluateDisconnection(smwd, ca({ noticeServed: '2026-11-09' }), tuesday);
    expect(rule(d, 'notice')).toMatchObject({ outcome: 'fail', params: { ready: '2026-11-19' } });
    expect(d.earliest).toBe('2026-11-19');
    const noNotice = evaluateDisconnection(smwd, ca({ noticeServed: null }), tuesday);
    expect(rule(noNotice, 'notice')?.messageKey).toBe('rules.notice.missingBusiness');
  });

  it('moves a date that falls on a weekend or holiday to the next allowed day', () => {
    const d = evaluateDisconnection(smwd, ca({ noticeServed: '2026-11-17' }), tuesday);
    // Seven business days from Tue 17: 18, 19, 20, 23, 24, 25, then Thanksgiving and the day after
    // are holidays in California: Mon 30.
    expect(d.earliest).toBe('2026-11-30');
    const sat = evaluateDisconnection(smwd, ca(), plainDate('2026-11-21'));
    expect(sat.allowed).toBe(false);
    expect(rule(sat, 'forbidden-days')?.messageKey).toBe('rules.forbidden-days.weekend');
    expect(sat.earliest).toBe('2026-11-23');
  });

  it('protects a customer when all three medical conditions hold, and only then', () => {
    const protectedAll = evaluateDisconnection(
      smwd,
      ca({
        medical: { reportedOn: '2026-11-10', certified: true },
        publicAssistance: true,
        willingToEnterPlan: true,
      }),
      tuesday,
    );
    expect(protectedAll.allowed).toBe(false);
    expect(protectedAll.earliest).toBeNull();
    expect(rule(protectedAll, 'medical')?.messageKey).toBe('rules.medical.protectedAllThree');
    const notWilling = evaluateDisconnection(
      smwd,
      ca({ medical: { reportedOn: '2026-11-10', certified: true }, publicAssistance: true }),
      tuesday,
    );
    expect(notWilling.allowed).toBe(true);
  });

  it('reads "below 200% of poverty" strictly: exactly 200% is not financial inability', () => {
    // Household of 4, 2026 guideline $33,000: 200% is $66,000.
    const at = (income: number) =>
      evaluateDisconnection(
        smwd,
        ca({
          medical: { reportedOn: '2026-11-10', certified: true },
          household: { annualIncomeCents: income, size: 4 },
          willingToEnterPlan: true,
        }),
        tuesday,
      ).allowed;
    expect(at(6_600_000)).toBe(true);
    expect(at(6_599_999)).toBe(false);
  });

  it('lifts the medical protection after 60 days of not complying with the plan', () => {
    const base = {
      medical: { reportedOn: '2026-11-10', certified: true },
      publicAssistance: true,
      arrangement: 'good' as const,
    };
    expect(
      evaluateDisconnection(smwd, ca({ ...base, planNonComplianceDays: 59 }), tuesday).allowed,
    ).toBe(false);
    const failed = evaluateDisconnection(
      smwd,
      ca({ ...base, arrangement: 'broken', planNonComplianceDays: 60 }),
      tuesday,
    );
    expect(rule(failed, 'medical')?.messageKey).toBe('rules.medical.planFailed');
    expect(failed.allowed).toBe(true);
  });

  it('protects an arrangement in good standing', () => {
    const d = evaluateDisconnection(smwd, ca({ arrangement: 'good' }), tuesday);
    expect([d.allowed, d.earliest, rule(d, 'arrangement')?.messageKey]).toEqual([
      false,
      null,
      'rules.arrangement.good',
    ]);
  });
});

describe('Maine Chapter 660', () => {
  const me = (over: Partial<DisconnectionAccount> = {}): DisconnectionAccount => ({
    class: 'residential',
    pastDueCents: 5_001,
    daysPastDue: 40,
    noticeServed: '2026-10-20',
    arrangement: 'none',
    ...over,
  });

  it('needs more than $50.00 overdue: $50.01 qualifies, exactly $50.00 does not', () => {
    expect(evaluateDisconnection(maine, me(), tuesday).allowed).toBe(true);
    const fifty = evaluateDisconnection(maine, me({ pastDueCents: 5_000 }), tuesday);
    expect([fifty.allowed, rule(fifty, 'minimum-past-due')?.outcome]).toEqual([false, 'fail']);
  });

  it('allows $50 or less once it is more than 90 days old, or for a utility billing 4 times a year', () => {
    expect(
      evaluateDisconnection(maine, me({ pastDueCents: 4_000, daysPastDue: 90 }), tuesday).allowed,
    ).toBe(false);
    expect(
      evaluateDisconnection(maine, me({ pastDueCents: 4_000, daysPastDue: 91 }), tuesday).allowed,
    ).toBe(true);
    expect(
      evaluateDisconnection(maine, me({ pastDueCents: 4_000, billsPerYear: 4 }), tuesday).allowed,
    ).toBe(true);
  });

  it('dates a small debt the day it is more than 90 days old, and gives no date for nothing owed', () => {
    // $40.00 owed for 80 days on Tuesday 2026-11-17: 91 days old on Saturday 2026-11-28; the
    // next day a disconnection may happen is Monday 2026-11-30.
    const small = evaluateDisconnection(
      maine,
      me({ pastDueCents: 4_000, daysPastDue: 80 }),
      tuesday,
    );
    expect(rule(small, 'minimum-past-due')).toMatchObject({
      outcome: 'fail',
      messageKey: 'rules.minimum-past-due.failUntil',
      params: { olderOn: '2026-11-28' },
    });
    expect([small.allowed, small.earliest]).toEqual([false, '2026-11-30']);
    const day90 = evaluateDisconnection(
      maine,
      me({ pastDueCents: 4_000, daysPastDue: 90 }),
      tuesday,
    );
    expect(day90.earliest).toBe('2026-11-18');
    const nothing = evaluateDisconnection(maine, me({ pastDueCents: 0 }), tuesday);
    expect([nothing.allowed, nothing.earliest]).toEqual([false, null]);
  });

  it('uses $100 combined where water is disconnected for unpaid sewer', () => {
    expect(
      evaluateDisconnection(maine, me({ combinedSewerPastDueCents: 10_000 }), tuesday).allowed,
    ).toBe(false);
    expect(
      evaluateDisconnection(maine, me({ combinedSewerPastDueCents: 10_001 }), tuesday).allowed,
    ).toBe(true);
  });

  it('needs 14 days of notice for residential, 7 for non-residential', () => {
    expect(evaluateDisconnection(maine, me({ noticeServed: '2026-11-04' }), tuesday).earliest).toBe(
      '2026-11-18',
    );
    expect(
      evaluateDisconnection(maine, me({ noticeServed: '2026-11-10', class: 'commercial' }), tuesday)
        .allowed,
    ).toBe(true);
  });

  it('never on the day before a holiday', () => {
    // Wed 2026-11-25 is the day before Thanksgiving; Thu and Fri are holidays in Maine? Thanksgiving
    // is: the next allowed day is Fri 27 unless it is a holiday too.
    const d = evaluateDisconnection(maine, me(), plainDate('2026-11-25'));
    expect(d.allowed).toBe(false);
    expect(rule(d, 'forbidden-days')?.messageKey).toBe('rules.forbidden-days.dayBeforeHoliday');
    expect(rule(d, 'forbidden-days')?.params?.holiday).toBe('Thanksgiving Day');
    const es = evaluateDisconnection(maine, me(), plainDate('2026-11-25'), 'es');
    expect(rule(es, 'forbidden-days')?.params?.holiday).toBe('Acción de Gracias');
  });

  it('protects for 3 business days after a medical emergency is reported', () => {
    const d = evaluateDisconnection(
      maine,
      me({ medical: { reportedOn: '2026-11-16', certified: false } }),
      tuesday,
    );
    expect(rule(d, 'medical')).toMatchObject({ outcome: 'fail', params: { until: '2026-11-19' } });
    expect(d.earliest).toBe('2026-11-20');
    expect(
      evaluateDisconnection(
        maine,
        me({ medical: { reportedOn: '2026-11-10', certified: false } }),
        tuesday,
      ).allowed,
    ).toBe(true);
  });

  it('needs a new notice after a broken arrangement that was never confirmed in writing', () => {
    const d = evaluateDisconnection(
      maine,
      me({ arrangement: 'broken', arrangementConfirmedInWriting: false }),
      tuesday,
    );
    expect([d.allowed, rule(d, 'arrangement')?.messageKey]).toEqual([
      false,
      'rules.arrangement.unconfirmed',
    ]);
    expect(
      evaluateDisconnection(
        maine,
        me({ arrangement: 'broken', arrangementConfirmedInWriting: true }),
        tuesday,
      ).allowed,
    ).toBe(true);
  });
});

describe('a utility whose rules were not gathered', () => {
  it('never allows a shut-off, and says why', () => {
    const d = evaluateDisconnection(phila, ca(), tuesday);
    expect([d.allowed, d.earliest, d.rules.map((r) => r.id)]).toEqual([
      false,
      null,
      ['rules-gathered'],
    ]);
  });
});

describe('the notice', () => {
  const input = {
    customerName: 'María Peña',
    accountNumber: '4471-0093',
    serviceAddress: '12 Elm St',
    pastDueCents: 25_075,
    earliest: '2026-11-30',
  };

  it('states the amount, the date, the rights under the state’s rule and where to get help, in both languages', () => {
    const [en, es] = disconnectionNoticeBothLanguages(smwd, input);
    expect(en.title).toBe('Notice of disconnection of water service');
    expect(en.paragraphs).toContain(
      'Your account 4471-0093 at 12 Elm St has a past-due balance of $250.75.',
    );
    expect(en.paragraphs).toContain(
      'Unless it is paid or a payment arrangement is made, service may be disconnected on or after November 30, 2026.',
    );
    expect(en.paragraphs.some((p) => p.includes('at least 60 days'))).toBe(true);
    expect(es.title).toBe('Aviso de corte del servicio de agua');
    expect(es.paragraphs).toContain(
      'Si no lo paga ni hace un acuerdo de pago, el servicio podrá cortarse a partir del 30 de noviembre de 2026.',
    );
    expect(es.paragraphs.some((p) => p.includes('Usted puede pedir'))).toBe(true);
    expect(es.paragraphs).toHaveLength(en.paragraphs.length);
  });

  it('greets a customer whose name is not known formally, and prints no placeholder', () => {
    const unnamed = { pastDueCents: 25_075, earliest: '2026-11-30' };
    const [en, es] = disconnectionNoticeBothLanguages(smwd, unnamed);
    expect(es.paragraphs.slice(0, 2)).toEqual([
      'Estimado(a) cliente:',
      `Su cuenta tiene un saldo vencido de ${formatMoney(25_075, 'es')}.`,
    ]);
    expect(en.paragraphs.slice(0, 2)).toEqual([
      'Dear customer,',
      'Your account has a past-due balance of $250.75.',
    ]);
    const numbered = disconnectionNotice(
      smwd,
      { ...unnamed, customerName: ' ', accountNumber: '4471-0093' },
      'es',
    );
    expect(numbered.paragraphs[1]).toBe(
      `Su cuenta 4471-0093 tiene un saldo vencido de ${formatMoney(25_075, 'es')}.`,
    );
    for (const p of [...en.paragraphs, ...es.paragraphs, ...numbered.paragraphs])
      expect(p).not.toMatch(/Customer|—|\{\{|undefined/);
  });

  it('uses Maine’s rights for Portland Water District, and says no date while protected', () => {
    const n = disconnectionNotice(maine, { ...input, earliest: null }, 'en');
    expect(n.paragraphs.some((p) => p.includes('Chapter 660'))).toBe(true);
    expect(n.paragraphs).toContain(
      'Service will not be disconnected while the protections described below apply.',
    );
  });
});

describe('policy files', () => {
  it('say where each rule comes from and when it was published, inventing no date', () => {
    expect(maine.effective).toBe('2012-01-01');
    expect(smwd.effective).toBe('2020-02-01');
    // Philadelphia's payment-plan page is "about 2023": no precise date is claimed.
    expect(phila.effective).toBeNull();
    expect(phila.sources.map((s) => s.published)).toEqual([
      'about 2023: the page gives no effective date',
      'the program started 2017-07-01',
    ]);
    expect(() => loadPolicy({ ...maine, sources: [{ title: 'a rule' }] })).toThrow(
      /sources\.0\.published/,
    );
  });

  it('refuse a malformed policy on load, naming the field and the reason', () => {
    const bad = {
      ...maine,
      arrangement: {
        ...maine.arrangement,
        residential: { ...maine.arrangement.residential, minMonths: 13 },
      },
    };
    expect(() => loadPolicy(bad)).toThrow(PolicyError);
    try {
      loadPolicy(bad);
    } catch (err) {
      expect((err as PolicyError).issues[0]).toEqual({
        path: 'arrangement.residential.minMonths',
        message: 'minMonths is above maxMonths',
      });
    }
    expect(() => loadPolicy({ ...maine, state: 'Maine' })).toThrow(/state/);
  });
});
