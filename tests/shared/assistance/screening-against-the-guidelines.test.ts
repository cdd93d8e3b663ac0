import { describe, expect, it } from 'vitest';
import {
  guidelineForYear,
  guidelineInForce,
  percentOfPoverty,
  povertyLineCents,
  programText,
  screenHousehold,
} from '../../../shared/assistance';
import { getCollectionPolicy } from '../../../shared/collections';
import { plainDate } from '../../../shared/dates';

describe('HHS poverty guidelines', () => {
  it('switch tables on their effective dates', () => {
    expect(guidelineInForce(plainDate('2026-01-12')).year).toBe(2025);
    expect(guidelineInForce(plainDate('2026-01-13')).year).toBe(2026);
    expect(guidelineInForce(plainDate('2024-01-17')).year).toBe(2024);
    expect(() => guidelineInForce(plainDate('2024-01-16'))).toThrow(/no poverty guideline/);
  });

  it('add the published amount for each person past 8', () => {
    expect(povertyLineCents(guidelineForYear(2026), 8)).toBe(5_572_000);
    expect(povertyLineCents(guidelineForYear(2026), 10)).toBe(5_572_000 + 2 * 568_000);
    expect(povertyLineCents(guidelineForYear(2024), 1)).toBe(1_506_000);
    expect(() => povertyLineCents(guidelineForYear(2025), 0)).toThrow();
  });

  it('give the percent of poverty exactly', () => {
    expect(percentOfPoverty(6_600_000, 4, guidelineForYear(2026)).toString()).toBe('200');
  });
});

describe('screening a household', () => {
  const phila = getCollectionPolicy('philadelphia-water-pa')!;
  const marin = getCollectionPolicy('marin-water-ca')!;
  const today = plainDate('2026-11-24');

  it('qualifies a household at exactly 150% for TAP and one cent above does not', () => {
    // Household of 4 in 2026: $33,000; 150% is $49,500.
    const at = screenHousehold(phila, { householdSize: 4, annualIncomeCents: 4_950_000 }, today);
    expect(at.percentOfPoverty).toBe(150);
    expect(at.programs.find((p) => p.id === 'tap')?.qualifies).toBe(true);
    const over = screenHousehold(phila, { householdSize: 4, annualIncomeCents: 4_950_001 }, today);
    expect(over.programs.find((p) => p.id === 'tap')?.qualifies).toBe(false);
  });

  it('gives the TAP benefit and the referral text in both languages', () => {
    const r = screenHousehold(
      phila,
      { householdSize: 3, annualIncomeCents: 2_000_000 },
      today,
    ).programs.find((p) => p.id === 'tap')!;
    expect(programText(r, 'en').benefit).toBe(
      'A monthly bill of 2.5% of household income: $41.67 a month.',
    );
    expect(programText(r, 'es').referral).toMatch(
      /^Usted podría calificar para el Programa de Asistencia Escalonada, que fija su factura de agua en \$41\.67 al mes/,
    );
    expect(programText(r, 'en').reason).toBe(
      'Qualifies: household income is 73.2% of the 2026 poverty guideline ($27,320.00 for 3 people).',
    );
  });

  it('asks about age for the senior discount instead of guessing', () => {
    const r = screenHousehold(phila, { householdSize: 1, annualIncomeCents: 9_000_000 }, today);
    expect(r.programs.find((p) => p.id === 'senior-discount')?.qualifies).toBe('ask');
    expect(
      screenHousehold(
        phila,
        { householdSize: 1, annualIncomeCents: 9_000_000, senior: true },
        today,
      ).programs.find((p) => p.id === 'senior-discount')?.qualifies,
    ).toBe(true);
  });

  it('applies SB 998 strictly below 200%, using the year asked for', () => {
    const below = screenHousehold(
      marin,
      { householdSize: 2, annualIncomeCents: 4_229_999, year: 2025 },
      today,
    );
    expect([below.guideline.year, below.programs[0].qualifies]).toEqual([2025, true]);
    expect(
      screenHousehold(marin, { householdSize: 2, annualIncomeCents: 4_230_000, year: 2025 }, today)
        .programs[0].qualifies,
    ).toBe(false);
  });
});
