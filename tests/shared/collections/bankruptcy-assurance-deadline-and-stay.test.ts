import { describe, expect, it } from 'vitest';
import {
  type BankruptcyCase,
  bankruptcyPeriodEnd,
  evaluateBankruptcy,
  federalCalendar,
} from '../../../shared/collections';
import { plainDate } from '../../../shared/dates';

const filed = (
  chapter: BankruptcyCase['chapter'],
  day: string,
  more: Partial<BankruptcyCase> = {},
) =>
  ({ chapter, filedOn: plainDate(day), assuranceGiven: false, ...more }) satisfies BankruptcyCase;
const outcomeOf = (d: ReturnType<typeof evaluateBankruptcy>, id: string) =>
  d.rules.find((r) => r.id === id)?.outcome;

describe('adequate assurance is due 20 days after the order for relief (11 U.S.C. §366(b))', () => {
  it('counts from the day after the filing: filed Tuesday 2026-03-03, due Monday 2026-03-23', () => {
    const d = evaluateBankruptcy(filed(7, '2026-03-03'), plainDate('2026-03-03'));
    expect(d.assuranceDueBy).toBe('2026-03-23');
    expect(d.rules.find((r) => r.id === 'bankruptcy-assurance')?.citation).toBe(
      '11 U.S.C. §366(b)',
    );
  });

  it('carries a 20th day on a Saturday to the Monday (FRBP 9006(a)(1)(C))', () => {
    // 2026-03-01 + 20 days = Saturday 2026-03-21.
    expect(plainDate('2026-03-21').dayOfWeek).toBe(6);
    expect(
      evaluateBankruptcy(filed(13, '2026-03-01'), plainDate('2026-03-01')).assuranceDueBy,
    ).toBe('2026-03-23');
  });

  it('carries a 20th day on Thanksgiving to the Friday after (a federal holiday, not a state one)', () => {
    // 2026-11-06 + 20 days = Thursday 2026-11-26, Thanksgiving Day.
    expect(evaluateBankruptcy(filed(7, '2026-11-06'), plainDate('2026-11-06')).assuranceDueBy).toBe(
      '2026-11-27',
    );
  });

  it('carries a 20th day on Sunday July 4 past the Monday it is observed on, to the Tuesday', () => {
    // 2027-06-14 + 20 = Sunday 2027-07-04; Independence Day is observed Monday 2027-07-05.
    expect(evaluateBankruptcy(filed(7, '2027-06-14'), plainDate('2027-06-14')).assuranceDueBy).toBe(
      '2027-07-06',
    );
  });

  it('treats the Friday a Saturday July 4 is observed on as a legal holiday', () => {
    // 2026-06-13 + 20 = Friday 2026-07-03, the observed Independence Day; then a weekend.
    expect(evaluateBankruptcy(filed(7, '2026-06-13'), plainDate('2026-06-13')).assuranceDueBy).toBe(
      '2026-07-06',
    );
  });

  it('counts no state holiday: Maine’s Patriots’ Day 2026-04-20 is a day like any other', () => {
    // 2026-03-31 + 20 = Monday 2026-04-20 (Patriots' Day in Maine and Massachusetts only).
    expect(bankruptcyPeriodEnd(plainDate('2026-03-31'), 20, federalCalendar()).toString()).toBe(
      '2026-04-20',
    );
  });

  it('keeps service on the last day itself and lets it be refused from the day after', () => {
    const onTheDay = evaluateBankruptcy(filed(7, '2026-03-03'), plainDate('2026-03-23'));
    expect(onTheDay.serviceMayBeRefused).toBe(false);
    expect(outcomeOf(onTheDay, 'bankruptcy-assurance')).toBe('fail');
    const dayAfter = evaluateBankruptcy(filed(7, '2026-03-03'), plainDate('2026-03-24'));
    expect(dayAfter.serviceMayBeRefused).toBe(true);
    expect(outcomeOf(dayAfter, 'bankruptcy-assurance')).toBe('pass');
    // Refusing service for want of assurance never makes the old debt collectible.
    expect(dayAfter.prePetitionCollectible).toBe(false);
    expect(outcomeOf(dayAfter, 'bankruptcy-stay')).toBe('fail');
  });

  it('never lets service be refused once assurance was furnished', () => {
    const d = evaluateBankruptcy(
      filed(13, '2026-03-03', { assuranceGiven: true }),
      plainDate('2027-01-01'),
    );
    expect(d.serviceMayBeRefused).toBe(false);
    expect(d.prePetitionCollectible).toBe(false);
  });
});

describe('Chapter 11 gives 30 days (11 U.S.C. §366(c)(2))', () => {
  it('is due 30 days after the filing, cited to §366(c)', () => {
    const d = evaluateBankruptcy(filed(11, '2026-11-02'), plainDate('2026-11-22'));
    expect(d.assuranceDueBy).toBe('2026-12-02');
    expect(d.serviceMayBeRefused).toBe(false); // day 20 of 30
    expect(d.rules.find((r) => r.id === 'bankruptcy-assurance')?.citation).toBe(
      '11 U.S.C. §366(c)(2)',
    );
    expect(
      evaluateBankruptcy(filed(11, '2026-11-02'), plainDate('2026-12-02')).serviceMayBeRefused,
    ).toBe(false);
    expect(
      evaluateBankruptcy(filed(11, '2026-11-02'), plainDate('2026-12-03')).serviceMayBeRefused,
    ).toBe(true);
  });

  it('carries a 30th day on Christmas past the weekend to Monday', () => {
    // 2026-11-25 + 30 = Friday 2026-12-25.
    expect(
      evaluateBankruptcy(filed(11, '2026-11-25'), plainDate('2026-11-25')).assuranceDueBy,
    ).toBe('2026-12-28');
  });
});

describe('how the case ends decides the debt from before the filing', () => {
  it('a dismissal ends the stay: the old debt is collectible again and §366 no longer speaks', () => {
    const d = evaluateBankruptcy(
      filed(13, '2026-03-03', { assuranceGiven: true, outcome: 'dismissed' }),
      plainDate('2026-05-01'),
    );
    expect(d.prePetitionCollectible).toBe(true);
    expect(d.stayInForce).toBe(false);
    expect(d.serviceMayBeRefused).toBe(true);
    expect(outcomeOf(d, 'bankruptcy-dismissal')).toBe('pass');
    expect(outcomeOf(d, 'bankruptcy-assurance')).toBe('not-applicable');
  });

  it('a discharge ends the stay but the old debt may never be collected', () => {
    const d = evaluateBankruptcy(
      filed(7, '2026-03-03', { assuranceGiven: true, outcome: 'discharged' }),
      plainDate('2026-07-01'),
    );
    expect(d.prePetitionCollectible).toBe(false);
    expect(d.stayInForce).toBe(false);
    expect(d.serviceMayBeRefused).toBe(false);
    expect(outcomeOf(d, 'bankruptcy-discharge')).toBe('fail');
    expect(d.rules.find((r) => r.id === 'bankruptcy-discharge')?.citation).toMatch(/§524/);
  });

  it('a discharged debtor who never furnished assurance may still be refused service after it', () => {
    const d = evaluateBankruptcy(
      filed(7, '2026-03-03', { outcome: 'discharged' }),
      plainDate('2026-07-01'),
    );
    expect(d.serviceMayBeRefused).toBe(true);
    expect(d.prePetitionCollectible).toBe(false);
  });

  it('while the case is open the stay holds the old debt', () => {
    const d = evaluateBankruptcy(filed(13, '2026-03-03'), plainDate('2026-03-03'));
    expect(d.stayInForce).toBe(true);
    expect(d.prePetitionCollectible).toBe(false);
    expect(d.rules.map((r) => r.id)).toEqual([
      'bankruptcy-order-for-relief',
      'bankruptcy-stay',
      'bankruptcy-assurance',
      'bankruptcy-discharge',
      'bankruptcy-dismissal',
    ]);
  });
});
