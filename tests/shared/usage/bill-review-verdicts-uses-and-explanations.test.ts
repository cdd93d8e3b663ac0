import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { resources } from '../../../shared/i18n/resources';
import {
  correctedForAccuracy,
  explainRebill,
  meterTestVerdict,
  periodUse,
  type RebillExplanation,
} from '../../../shared/usage/bill-review';

describe('a meter test against the tolerance', () => {
  it('is fast or slow only beyond the tolerance, and has no verdict while it is not gathered', () => {
    expect(meterTestVerdict('102', '2')).toBe('accurate');
    expect(meterTestVerdict('102.01', '2')).toBe('fast');
    expect(meterTestVerdict('98', '2')).toBe('accurate');
    expect(meterTestVerdict('97.99', '2')).toBe('slow');
    expect(meterTestVerdict('150', null)).toBe('not-gathered');
  });
  it('corrects a fast meter’s use to what went through it, half up to the register', () => {
    expect(correctedForAccuracy('30', '120', 0)).toBe('25');
    expect(correctedForAccuracy('31', '104', 0)).toBe('30'); // 29.8077
    expect(correctedForAccuracy('10', '104', 3)).toBe('9.615');
  });
});

describe('the use of a bill’s period from reads', () => {
  const meter = { dials: 4, multiplier: 1 };
  it('takes the reads on the period’s days, and prorates reads off them to its days', () => {
    const reads = [
      { date: '2026-10-02', value: 4970 },
      { date: '2026-11-03', value: 5032 },
    ];
    expect(periodUse(reads, { from: '2026-10-02', to: '2026-11-01' }, meter)).toMatchObject({
      usage: '58',
      prorated: true,
    });
    expect(
      periodUse(
        [...reads, { date: '2026-11-01', value: 5000 }],
        { from: '2026-10-02', to: '2026-11-01' },
        meter,
      ),
    ).toMatchObject({ usage: '30', prorated: false });
  });
  it('counts a rollover through zero with the dials, and answers null without a read each side', () => {
    const reads = [
      { date: '2026-10-02', value: 9990 },
      { date: '2026-11-01', value: 20 },
    ];
    expect(periodUse(reads, { from: '2026-10-02', to: '2026-11-01' }, meter)?.usage).toBe('30');
    expect(
      periodUse(reads.slice(0, 1), { from: '2026-10-02', to: '2026-11-01' }, meter),
    ).toBeNull();
  });
});

describe('the customer’s explanation of a rebill', () => {
  beforeAll(async () => {
    await i18next.init({ resources, lng: 'en', fallbackLng: false, defaultNS: 'common' });
  });
  const e = (language: 'en' | 'es'): RebillExplanation => ({
    key: 'cis:rebill.explanation.reread',
    language,
    params: {
      periodFrom: '2026-10-02',
      periodTo: '2026-11-01',
      oldUsage: '31',
      newUsage: '30',
      unit: 'Mcf',
      oldTotalCents: 241_581,
      newTotalCents: 233_788,
      differenceCents: -7_793,
    },
  });
  it('says what changed in English, the difference credited', () => {
    expect(explainRebill(e('en'), i18next.t.bind(i18next))).toBe(
      'We read your meter again: the read of November 1, 2026 was wrong. Your bill for October 2, 2026 to November 1, 2026 was for 31 Mcf ($2,415.81); with the correct read it is 30 Mcf ($2,337.88). The difference, $77.93, is credited to your account.',
    );
  });
  it('says it in Spanish with usted, never tú', () => {
    const text = explainRebill(e('es'), i18next.t.bind(i18next));
    expect(text).toContain('Volvimos a leer su medidor');
    expect(text).toContain('se acredita a su cuenta');
    expect(text).toContain('$77.93');
    expect(text).not.toMatch(/\btu\b|\btú\b/i);
  });
});
